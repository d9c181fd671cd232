import { startTestApp, stopTestApp, type TestApp } from '../support/test-app';

/** The operator allowed no private range here (the production default): no request below ever leaves the API. */
describe('POST /subscriptions and the subscription views', () => {
  let t: TestApp;
  const admin = () => t.token(['policy-admin'], 'admin-1');
  const post = (body: object, token = admin()) => t.http.post('/subscriptions').set('Authorization', `Bearer ${token}`).send(body);

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => stopTestApp(t));

  it.each([
    ['loopback', 'http://127.0.0.1:9/hook'],
    ['loopback by name', 'http://localhost:9/hook'],
    ['IPv6 loopback', 'http://[::1]:9/hook'],
    ['link-local (cloud metadata)', 'http://169.254.169.254/latest/meta-data'],
    ['private', 'http://10.20.30.40/hook'],
    ['private, IPv4-mapped IPv6', 'http://[::ffff:192.168.1.10]/hook'],
  ])('refuses a URL resolving to a %s address (SSRF): 400 WEBHOOK_URL_NOT_ALLOWED, nothing stored', async (_kind, url) => {
    const response = await post({ url }).expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe('WEBHOOK_URL_NOT_ALLOWED');
    const list = await t.http.get('/subscriptions').set('Authorization', `Bearer ${admin()}`).expect(200);
    expect(list.body.items).toEqual([]);
  });

  it('refuses invalid input with 400 VALIDATION_FAILED: not an http(s) URL, credentials in it, an unknown type, a bad country', async () => {
    for (const body of [
      { url: 'ftp://example.com/x' },
      { url: 'https://user:pw@example.com/x' },
      { url: 'https://example.com/x', types: ['AuditSealed'] },
      { url: 'https://example.com/x', country: 'XX' },
      { url: 'https://example.com/x', extra: true },
    ]) {
      expect((await post(body).expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
    expect((await post({ url: 'https://example.com/x', after: 'nope' }).expect(400)).body.code).toBe('INVALID_POSITION');
  });

  it('is registered by a policy administrator only; subscribers and auditors may read', async () => {
    expect((await post({ url: 'https://example.com/x' }, t.token(['subscriber'])).expect(403)).body.code).toBe('FORBIDDEN');
    await t.http.get('/subscriptions').set('Authorization', `Bearer ${t.token(['subscriber'])}`).expect(200);
    await t.http.get('/subscriptions').set('Authorization', `Bearer ${t.token(['case-officer'])}`).expect(403);
  });

  it('answers 404 SUBSCRIPTION_NOT_FOUND for an unknown subscription', async () => {
    for (const path of ['/subscriptions/unknown', '/subscriptions/unknown/deliveries']) {
      expect((await t.http.get(path).set('Authorization', `Bearer ${admin()}`).expect(404)).body.code).toBe('SUBSCRIPTION_NOT_FOUND');
    }
    const resume = await t.http.post('/subscriptions/unknown/resume').set('Authorization', `Bearer ${admin()}`).send({}).expect(404);
    expect(resume.body.code).toBe('SUBSCRIPTION_NOT_FOUND');
  });
});

describe('a subscription to a receiver the operator allowed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { WEBHOOK_ALLOWED_RANGES: 'loopback' } });
  });
  afterAll(() => stopTestApp(t));

  it('shows its signing secret once, never again', async () => {
    const admin = t.token(['policy-admin'], 'admin-1');
    const created = await t.http
      .post('/subscriptions')
      .set('Authorization', `Bearer ${admin}`)
      .send({ url: 'http://127.0.0.1:9/hook', types: ['ReviewTrackChanged'], country: 'kh', after: (await t.lastPosition())! })
      .expect(201);
    expect(created.body).toMatchObject({ url: 'http://127.0.0.1:9/hook', types: ['ReviewTrackChanged'], country: 'KH', status: 'active', createdBy: 'admin-1' });
    expect(created.body.secret).toMatch(/^whsec_/);
    const viewed = await t.http.get(`/subscriptions/${created.body.id}`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(viewed.body).not.toHaveProperty('secret');
    expect(JSON.stringify((await t.http.get('/subscriptions').set('Authorization', `Bearer ${admin}`).expect(200)).body)).not.toContain(created.body.secret);
    const bad = await t.http.get(`/subscriptions/${created.body.id}/deliveries?cursor=bm9wZQ`).set('Authorization', `Bearer ${admin}`).expect(400);
    expect(bad.body.code).toBe('INVALID_CURSOR');
  });

  it('is deleted by a policy administrator, with its secret and log; then it is gone', async () => {
    const admin = t.token(['policy-admin'], 'admin-1');
    const created = await t.http.post('/subscriptions').set('Authorization', `Bearer ${admin}`).send({ url: 'http://127.0.0.1:9/gone' }).expect(201);
    await t.http.delete(`/subscriptions/${created.body.id}`).set('Authorization', `Bearer ${t.token(['subscriber'])}`).expect(403);
    await t.http.delete(`/subscriptions/${created.body.id}`).set('Authorization', `Bearer ${admin}`).expect(204);
    expect((await t.http.get(`/subscriptions/${created.body.id}`).set('Authorization', `Bearer ${admin}`).expect(404)).body.code).toBe('SUBSCRIPTION_NOT_FOUND');
    await t.http.delete(`/subscriptions/${created.body.id}`).set('Authorization', `Bearer ${admin}`).expect(404);
  });
});
