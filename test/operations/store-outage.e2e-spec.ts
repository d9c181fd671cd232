import { createTestDatabase, postgresSkipReason, postgresTestUrl, type TestDatabase } from '../../libs/infra/src/postgres/testing/postgres-test-database';
import { anApplication, startTestApp, stopTestApp, type TestApp } from '../support/test-app';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';

const describeOnPostgres = postgresTestUrl() === null ? describe.skip : describe;
const title = postgresTestUrl() === null ? ` [skipped: ${postgresSkipReason()}]` : '';

/**
 * PostgreSQL lost while the server runs (the network to it cut by a proxy, every connection reset): /health says
 * not ready, commands answer 503 STORE_UNAVAILABLE with Retry-After and append nothing, and everything recovers by
 * itself once the network is back.
 */
describeOnPostgres(`the PostgreSQL store lost while serving${title}`, () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let t: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase('outage');
    const direct = new URL(database.url);
    proxy = await startTcpProxy(Number(direct.port || 5432), direct.hostname);
    const viaProxy = new URL(database.url);
    viaProxy.port = String(proxy.port);
    t = await startTestApp({ now: '2026-11-29T09:00:00.000Z', env: { EVENT_STORE: viaProxy.toString() } });
  });
  afterAll(async () => {
    proxy.restore();
    await stopTestApp(t);
    await proxy.close();
    await database.drop();
  });

  it('reports not ready and refuses commands with 503 and Retry-After, then recovers by itself', async () => {
    const intake = t.token(['intake'], 'clerk-7');
    const before = await t.lastPosition();

    proxy.cut();
    const health = await t.http.get('/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'unavailable', eventStore: { kind: 'postgres', status: 'down' } });
    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(503);

    const refused = await t.http.post('/applications').set('Authorization', `Bearer ${intake}`).send(anApplication());
    expect(refused.status).toBe(503);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 503, code: 'STORE_UNAVAILABLE' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);

    proxy.restore();
    const deadline = Date.now() + 15_000;
    while ((await t.http.get('/health')).status !== 200) {
      if (Date.now() > deadline) throw new Error('the server did not recover within 15 s of the network coming back');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // Nothing of the refused command was written.
    expect(await t.lastPosition()).toBe(before);
    const created = await t.http.post('/applications').set('Authorization', `Bearer ${intake}`).send(anApplication());
    expect(created.status).toBe(201);
  });
});
