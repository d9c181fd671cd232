import Ajv2020 from 'ajv/dist/2020';
import { EVENT_TYPES } from '@app/infra';
import { startTestApp, stopTestApp, type TestApp } from '../support/test-app';

describe('the subscribers\' contract documents: GET /schemas, GET /schemas/:type, GET /asyncapi.json', () => {
  let t: TestApp;
  const token = () => t.token(['subscriber'], 'warehouse-1');
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => stopTestApp(t));

  it('lists every public type with its version, description and schema URL', async () => {
    const list = await t.http.get('/schemas').set('Authorization', `Bearer ${token()}`).expect(200);
    expect(list.body.items.map((item: { type: string }) => item.type)).toEqual(Object.keys(EVENT_TYPES));
    expect(list.body.items[0]).toEqual({
      type: 'CountryStatusChanged',
      version: 1,
      description: expect.stringContaining('§126.1'),
      schema: expect.stringMatching(/\/schemas\/CountryStatusChanged$/),
    });
  });

  it('serves each schema as draft 2020-12 JSON Schema with its own $id, and 404 for a type that is not public', async () => {
    const schema = await t.http.get('/schemas/ReviewTrackChanged').set('Authorization', `Bearer ${token()}`).expect(200);
    expect(schema.headers['content-type']).toContain('application/schema+json');
    expect(schema.body).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', title: 'ReviewTrackChanged' });
    // A consumer's strict validator (Ajv's default) compiles it as published.
    expect(() => new Ajv2020().compile(schema.body)).not.toThrow();
    expect(schema.body.$id).toMatch(/\/schemas\/ReviewTrackChanged$/);
    expect(schema.body.required).toEqual(expect.arrayContaining(['applicationId', 'from', 'to', 'trigger']));
    const missing = await t.http.get('/schemas/AuditSealed').set('Authorization', `Bearer ${token()}`).expect(404);
    expect(missing.body.code).toBe('UNKNOWN_EVENT_TYPE');
  });

  it('describes both channels in AsyncAPI 3.0 with one message per public type, whose data is the published schema', async () => {
    const doc = (await t.http.get('/asyncapi.json').set('Authorization', `Bearer ${token()}`).expect(200)).body;
    expect(doc.asyncapi).toBe('3.0.0');
    const types = Object.keys(EVENT_TYPES);
    expect(Object.keys(doc.components.messages)).toEqual(types);
    expect(Object.keys(doc.channels.eventStream.messages)).toEqual(types);
    expect(Object.keys(doc.channels.webhook.messages)).toEqual(types);
    expect(doc.operations.streamEvents.messages).toHaveLength(types.length);
    const published = (await t.http.get('/schemas/LicenceApproved').set('Authorization', `Bearer ${token()}`).expect(200)).body;
    const message = doc.components.messages.LicenceApproved;
    expect(message.payload.schema.properties.data).toEqual(published);
    // The envelope schema of a message validates a real event of that type.
    const tokens = { auditor: t.token(['auditor']) };
    const events = (await t.http.get('/events?types=CountryStatusChanged&limit=1').set('Authorization', `Bearer ${tokens.auditor}`).expect(200)).body.items;
    const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(doc.components.messages.CountryStatusChanged.payload.schema);
    expect(validate(events[0])).toBe(true);
  });

  it('needs a token (any role)', async () => {
    for (const path of ['/schemas', '/schemas/LicenceApproved', '/asyncapi.json']) {
      expect((await t.http.get(path).expect(401)).body.code).toBe('UNAUTHENTICATED');
    }
  });

  it('is linked from the OpenAPI document', async () => {
    const openapi = (await t.http.get('/docs-json').expect(200)).body;
    expect(openapi.externalDocs.url).toBe('/asyncapi.json');
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/events', '/schemas', '/schemas/{type}', '/asyncapi.json']));
  });
});
