import jwt from 'jsonwebtoken';
import { anApplication, startTestApp, stopTestApp, TEST_SECRET, type TestApp } from '../support/test-app';

describe('Authentication and roles', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => stopTestApp(t));

  const submit = (authorization?: string) => {
    const call = t.http.post('/applications').send(anApplication());
    return authorization ? call.set('Authorization', authorization) : call;
  };

  it('answers 401 problem+json without a token, and appends nothing', async () => {
    const before = await t.lastPosition();
    const response = await submit().expect(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(response.body.code).toBe('UNAUTHENTICATED');
    expect(await t.lastPosition()).toBe(before);
  });

  it.each([
    ['a token signed with another secret', jwt.sign({ sub: 'mallory', roles: ['intake'] }, 'another-secret-of-at-least-32-bytes!!')],
    // The server's clock is the test clock (2025-11-10T12:00Z): this token expired a minute before.
    ['an expired token', jwt.sign({ sub: 'alice', roles: ['intake'], exp: Date.parse('2025-11-10T11:59:00Z') / 1000 }, TEST_SECRET)],
    ['an unsigned alg:none token', jwt.sign({ sub: 'mallory', roles: ['intake'] }, '', { algorithm: 'none' })],
    ['an HS512 token', jwt.sign({ sub: 'alice', roles: ['intake'] }, TEST_SECRET, { algorithm: 'HS512' })],
    ['a token without roles', jwt.sign({ sub: 'alice' }, TEST_SECRET)],
    ['a token without sub', jwt.sign({ roles: ['intake'] }, TEST_SECRET)],
    ['garbage', 'not.a.jwt'],
  ])('refuses %s with 401', async (_name, token) => {
    const response = await submit(`Bearer ${token}`).expect(401);
    expect(response.body.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a Basic authorization header with 401', async () => {
    await submit('Basic YWxpY2U6c2VjcmV0').expect(401);
  });

  it('answers 403 FORBIDDEN when the role is wrong, and appends nothing', async () => {
    const before = await t.lastPosition();
    const response = await submit(`Bearer ${t.token(['auditor'])}`).expect(403);
    expect(response.body.code).toBe('FORBIDDEN');
    expect(await t.lastPosition()).toBe(before);
  });

  it('lets intake and case officers submit but not read cases; auditors read', async () => {
    const created = await submit(`Bearer ${t.token(['case-officer'])}`).expect(201);
    await t.http.get(`/applications/${created.body.id}`).set('Authorization', `Bearer ${t.token(['intake'])}`).expect(403);
    await t.http.get(`/applications/${created.body.id}`).set('Authorization', `Bearer ${t.token(['auditor'])}`).expect(200);
    await t.http.get(`/applications/${created.body.id}/history`).set('Authorization', `Bearer ${t.token(['subscriber'])}`).expect(403);
  });

  it('lets any role read the register, and nobody without a token', async () => {
    await t.http.get('/countries').expect(401);
    await t.http.get('/countries/KH').set('Authorization', `Bearer ${t.token(['subscriber'])}`).expect(200);
  });

  it('records the token subject as the actor of the appended event', async () => {
    const created = await submit(`Bearer ${t.token(['intake'], 'clerk-42')}`).expect(201);
    const history = await t.http
      .get(`/applications/${created.body.id}/history`)
      .set('Authorization', `Bearer ${t.token(['auditor'])}`)
      .expect(200);
    expect(history.body.items[0].metadata.actor).toBe('clerk-42');
  });

  it('serves health and the OpenAPI description without a token', async () => {
    await t.http.get('/health').expect(200);
    const docs = await t.http.get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/applications', '/applications/{id}', '/applications/{id}/history', '/countries', '/countries/{cc}', '/health']),
    );
    const created = docs.body.paths['/applications'].post.responses['201'];
    expect(created.content['application/json'].schema.$ref).toBe('#/components/schemas/CaseViewResponse');
    expect(Object.keys(created.headers)).toEqual(expect.arrayContaining(['Location', 'ETag']));
    expect(Object.keys(docs.body.components.schemas.CaseViewResponse.properties)).toEqual(
      expect.arrayContaining(['id', 'status', 'reviewTrack', 'determinations', 'parties', 'revision']),
    );
    expect(docs.body.paths['/applications'].post.responses['400'].content['application/problem+json']).toBeDefined();
  });
});
