import { ReadModels } from '../../apps/api/src/shared/read-models/read-models.service';
import { LifecycleState } from '../../apps/api/src/shared/operations/lifecycle-state';
import { loadOperationsConfig } from '../../apps/api/src/shared/operations/operations-config';
import { officeTokens, submitCase } from '../support/case-actions';
import { startTestApp, stopTestApp, type TestApp } from '../support/test-app';
import { StorePlug } from '../support/unpluggable-store';

describe('GET /health/live and /health/ready', () => {
  const plug = new StorePlug();
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-29T09:00:00.000Z', shared: { wrapEventStore: plug.wrap } });
  });
  afterEach(() => plug.plugIn());
  afterAll(() => stopTestApp(t));

  it('answers live and ready once started, without a token', async () => {
    expect((await t.http.get('/health/live').expect(200)).body).toEqual({ status: 'alive' });
    expect((await t.http.get('/health/ready').expect(200)).body).toEqual({ status: 'ready' });
  });

  it('documents the probes and /metrics in the OpenAPI description, with typed answers', async () => {
    const { paths } = (await t.http.get('/docs-json').expect(200)).body;
    expect(paths['/health/live'].get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/LivenessResponse' });
    expect(paths['/health/ready'].get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ReadyResponse' });
    expect(paths['/health/ready'].get.responses['503'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/NotReadyResponse' });
    expect(Object.keys(paths['/metrics'].get.responses)).toEqual(expect.arrayContaining(['200', '401', '403']));
    expect(Object.keys(paths['/metrics'].get.responses['200'].content)).toEqual(['text/plain; version=0.0.4; charset=utf-8']);
  });

  it('goes 503 EVENT_STORE_UNAVAILABLE while the store does not answer, stays live, and is ready again when it returns', async () => {
    plug.unplug();
    const notReady = await t.http.get('/health/ready').expect(503);
    expect(notReady.body).toEqual({
      status: 'not-ready',
      reasons: [{ code: 'EVENT_STORE_UNAVAILABLE', detail: 'The event store did not answer a read: disk I/O error' }],
    });
    expect((await t.http.get('/health').expect(503)).body).toMatchObject({ status: 'unavailable', eventStore: { status: 'down', error: 'disk I/O error' } });
    await t.http.get('/health/live').expect(200);

    plug.plugIn();
    expect((await t.http.get('/health/ready').expect(200)).body).toEqual({ status: 'ready' });
    await submitCase(t, officeTokens(t));
  });
});

describe('GET /health/ready once a shutdown has begun', () => {
  it('answers 503 SHUTTING_DOWN while the instance still answers', async () => {
    const t = await startTestApp();
    try {
      await t.http.get('/health/ready').expect(200);
      t.app.get(LifecycleState).markShuttingDown();
      expect((await t.http.get('/health/ready').expect(503)).body).toEqual({
        status: 'not-ready',
        reasons: [{ code: 'SHUTTING_DOWN', detail: 'A shutdown signal was received; in-flight requests are finishing' }],
      });
      await t.http.get('/health/live').expect(200);
    } finally {
      await stopTestApp(t);
    }
  });
});

describe('GET /health/ready with a projection behind the lag bound', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-29T09:00:00.000Z', shared: { operations: { ...loadOperationsConfig({}), readyMaxProjectionLag: 1 } } });
  });
  afterAll(() => stopTestApp(t));

  it('is ready while caught up, and not ready while a projection is more events behind than the bound', async () => {
    await t.http.get('/health/ready').expect(200);
    const readModels = t.app.get(ReadModels);
    // The read models report one projection two events behind (a real lag is gone within one 250 ms poll).
    const lag = jest.spyOn(readModels, 'lag').mockResolvedValue([
      { name: 'cases', position: '10', eventsBehind: 2, eventsBehindCapped: false, caughtUp: false },
      { name: 'reevaluations', position: '12', eventsBehind: 0, eventsBehindCapped: false, caughtUp: true },
    ] as Awaited<ReturnType<typeof readModels.lag>>);
    try {
      expect((await t.http.get('/health/ready').expect(503)).body).toEqual({
        status: 'not-ready',
        reasons: [{ code: 'PROJECTION_LAGGING', detail: 'Projection cases is 2 events behind (bound 1)' }],
      });
    } finally {
      lag.mockRestore();
    }
  });
});
