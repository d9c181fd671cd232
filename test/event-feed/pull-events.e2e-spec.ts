import { officeTokens, submitCase, FRANCE_END_USER } from '../support/case-actions';
import { startTestApp, stopTestApp, type TestApp } from '../support/test-app';

interface Item { id: string; type: string; subject: string; position: string; dataschema: string; specversion: string; data: Record<string, unknown> }

describe('GET /events: the public log, pulled by position', () => {
  let t: TestApp;
  let subscriber: string;
  const pull = (query: string) => t.http.get(`/events${query}`).set('Authorization', `Bearer ${subscriber}`);

  beforeAll(async () => {
    t = await startTestApp();
    subscriber = t.token(['subscriber'], 'warehouse-1');
  });
  afterAll(() => stopTestApp(t));

  it('answers CloudEvents 1.0 envelopes in global order with the extension attributes', async () => {
    const tokens = officeTokens(t);
    const id = await submitCase(t, tokens, FRANCE_END_USER);
    const page = await pull(`?subject=LicenceApplication-${id}`).expect(200);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.items[0]).toMatchObject({
      specversion: '1.0',
      type: 'LicenceApplicationSubmitted',
      subject: `LicenceApplication-${id}`,
      source: expect.stringMatching(/^http:\/\/localhost:\d+\/events$/),
      datacontenttype: 'application/json',
      dataschema: expect.stringMatching(/\/schemas\/LicenceApplicationSubmitted$/),
      dataversion: 1,
      actor: 'clerk-7',
      correlationid: expect.any(String),
      data: expect.objectContaining({ applicationId: id }),
    });
    expect(page.body.lastPosition).toBe(await t.lastPosition());
  });

  it('never skips nor repeats an event when paging by lastPosition while cases are being submitted', async () => {
    const tokens = officeTokens(t);
    const submissions = Promise.all(Array.from({ length: 12 }, () => submitCase(t, tokens, FRANCE_END_USER)));
    const seen: Item[] = [];
    let after: string | null = null;
    let settled = false;
    void submissions.then(() => (settled = true));
    for (let round = 0; round < 500; round += 1) {
      const page: { body: { items: Item[]; lastPosition: string | null } } = await pull(`?limit=3${after === null ? '' : `&after=${after}`}`).expect(200);
      seen.push(...page.body.items);
      after = page.body.lastPosition ?? after;
      if (settled && page.body.items.length === 0) break;
    }
    await submissions;
    const all = (await pull('?limit=1000').expect(200)).body.items as Item[];
    expect(seen.map((event) => event.id)).toEqual(all.map((event) => event.id));
    expect(new Set(seen.map((event) => event.id)).size).toBe(seen.length);
  });

  it('filters by types and subject, and never shows an event whose type is not public', async () => {
    const countries = await pull('?types=CountryStatusChanged&limit=1000').expect(200);
    const types = new Set((countries.body.items as Item[]).map((event) => event.type));
    expect([...types]).toEqual(['CountryStatusChanged']);
    const kh = await pull('?subject=CountryPolicy-KH&limit=1000').expect(200);
    expect((kh.body.items as Item[]).length).toBeGreaterThanOrEqual(2);
    expect((kh.body.items as Item[]).every((event) => event.subject === 'CountryPolicy-KH')).toBe(true);
  });

  it('refuses a position it did not issue, an unknown type, a bad limit and an unknown parameter (400 problem+json)', async () => {
    const bad = await pull('?after=not-a-position').expect(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.code).toBe('INVALID_POSITION');
    expect((await pull('?types=AuditSealed').expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await pull('?limit=0').expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await pull('?cursor=x').expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('is for subscribers and auditors only', async () => {
    await t.http.get('/events').expect(401);
    await t.http.get('/events').set('Authorization', `Bearer ${t.token(['case-officer'])}`).expect(403);
    await t.http.get('/events').set('Authorization', `Bearer ${t.token(['auditor'])}`).expect(200);
  });
});
