import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { Client } from 'pg';
import { EsdbEventStore } from '@app/infra';
import { FakeEsdbClient } from '../../libs/infra/src/event-store/esdb/testing/fake-esdb-client';
import { describeWithPostgres } from '../../libs/infra/src/postgres/testing/postgres-test-database';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/app.factory';
import { mintToken } from '../../apps/api/src/shared/auth/jwt';
import type { Role } from '../../apps/api/src/shared/auth/roles';
import { loadConfig } from '../../apps/api/src/shared/config/app-config';
import { EVENT_STORE } from '../../apps/api/src/shared/event-store/event-store.providers';
import { instrumentEventStore } from '../../apps/api/src/shared/event-store/instrumented-event-store';
import { Metrics } from '../../apps/api/src/shared/metrics/metrics.service';
import { loadOperationsConfig } from '../../apps/api/src/shared/operations/operations-config';
import { anApplication, removeDir, TEST_SECRET } from '../support/test-app';

/**
 * Two whole API applications configured for EventStoreDB with a STATE_STORE, each with its own DATA_DIR. No
 * EventStoreDB server exists here, so their log is the EventStoreDB adapter over one simulated client they share
 * (the only provider replaced); the state store is a real PostgreSQL database. What one instance answers or
 * registers, the other sees through the state store.
 */
describeWithPostgres('two API instances on EventStoreDB sharing a STATE_STORE', (database) => {
  const esdb = new FakeEsdbClient();
  const apps: NestExpressApplication[] = [];
  const dataDirs: string[] = [];
  const token = (roles: Role[], sub: string) => mintToken(TEST_SECRET, { sub, roles, expiresInSeconds: 3600 });

  async function anInstance(): Promise<ReturnType<typeof request>> {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'lcm-esdb-state-'));
    dataDirs.push(dataDir);
    const config = loadConfig({
      DATA_DIR: dataDir,
      JWT_SECRET: TEST_SECRET,
      PORT: '0',
      EVENT_STORE: 'esdb://kurrentdb:2113?tls=false',
      STATE_STORE: database().url,
      // A receiver on this machine that answers nothing: the subscription is only registered, never delivered to.
      WEBHOOK_ALLOWED_RANGES: 'loopback',
    });
    const module = await Test.createTestingModule({
      imports: [AppModule.forRoot({ config, operations: { ...loadOperationsConfig({}), logLevel: 'silent' } })],
    })
      .overrideProvider(EVENT_STORE)
      .useFactory({
        inject: [Metrics],
        factory: async (metrics: Metrics) => instrumentEventStore(await EsdbEventStore.withClient(esdb, 'esdb://kurrentdb:2113'), metrics),
      })
      .compile();
    const app = module.createNestApplication<NestExpressApplication>({ bodyParser: false, bufferLogs: true, abortOnError: false });
    apps.push(app);
    await configureApp(app);
    return request(app.getHttpServer());
  }

  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const dir of dataDirs) removeDir(dir);
  });

  it('answer a retry on the other instance from the first answer, and share the webhook subscriptions', async () => {
    const [first, second] = [await anInstance(), await anInstance()];
    const intake = token(['intake'], 'clerk-7');
    const key = randomUUID();

    const submitted = await first.post('/applications').set('Authorization', `Bearer ${intake}`).set('Idempotency-Key', key).send(anApplication()).expect(201);
    const retried = await second.post('/applications').set('Authorization', `Bearer ${intake}`).set('Idempotency-Key', key).send(anApplication()).expect(201);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.body).toEqual(submitted.body);
    const history = await second.get(`/applications/${submitted.body.id}/history`).set('Authorization', `Bearer ${token(['case-officer'], 'officer-1')}`).expect(200);
    expect(history.body.items).toHaveLength(1);

    const admin = `Bearer ${token(['policy-admin'], 'admin-1')}`;
    const created = await first.post('/subscriptions').set('Authorization', admin).send({ url: 'http://127.0.0.1:9/hook' }).expect(201);
    const listed = await second.get('/subscriptions').set('Authorization', admin).expect(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([created.body.id]);

    // Where the state is: in the state store's tables, not in the instances' DATA_DIR.
    const client = new Client({ connectionString: database().url });
    await client.connect();
    try {
      const keys = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM idempotency_keys');
      const subscriptions = await client.query<{ id: string }>('SELECT id FROM webhook_subscriptions');
      expect(keys.rows).toEqual([{ n: 1 }]);
      expect(subscriptions.rows).toEqual([{ id: created.body.id }]);
    } finally {
      await client.end();
    }
    for (const dir of dataDirs) {
      expect(existsSync(path.join(dir, 'idempotency.sqlite'))).toBe(false);
      expect(existsSync(path.join(dir, 'subscriptions.sqlite'))).toBe(false);
    }

    const health = await second.get('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', eventStore: { kind: 'eventstoredb', status: 'up' }, stateStore: { kind: 'postgres', status: 'up' } });
  }, 60_000);
});
