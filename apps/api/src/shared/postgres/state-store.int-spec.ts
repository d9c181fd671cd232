import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Pool } from 'pg';
import { EsdbEventStore, PostgresIdempotencyStore, PostgresWorkerLeases, type IdempotencyStore, type WorkerLeases } from '@app/infra';
import { FakeEsdbClient } from '@app/infra/event-store/esdb/testing/fake-esdb-client';
import { describeWithPostgres } from '@app/infra/postgres/testing/postgres-test-database';
import { PostgresSubscriptionRepository } from '../../webhook-subscriptions/postgres/postgres-subscription.repository';
import { SubscriptionRepository } from '../../webhook-subscriptions/subscription.repository';
import { subscriptionRepositoryProvider } from '../../webhook-subscriptions/subscription.repository.provider';
import { CLOCK, systemClock } from '../clock/clock';
import { APP_CONFIG } from '../config/app-config.provider';
import { loadConfig } from '../config/app-config';
import { EVENT_STORE } from '../event-store/event-store.providers';
import { EventStoreLifecycle } from '../event-store/event-store.lifecycle';
import { IDEMPOTENCY_STORE } from '../idempotency/idempotency.constants';
import { idempotencyStoreProvider } from '../idempotency/idempotency.module';
import { WORKER_LEASES, workerLeasesProvider } from '../leases/worker-leases.provider';
import { POSTGRES_POOL, postgresPoolProvider } from './postgres.providers';

/**
 * API instances on EventStoreDB with STATE_STORE set: the real providers of the shared state, each instance with
 * its own DATA_DIR and pool. The log is an EventStoreDB adapter over the simulated client (no server here); the
 * state store is a real PostgreSQL database.
 */
describeWithPostgres('the shared state of API instances on EventStoreDB with a STATE_STORE', (database) => {
  let esdb: FakeEsdbClient;
  const dataDirs: string[] = [];
  const modules: TestingModule[] = [];

  beforeEach(() => {
    esdb = new FakeEsdbClient();
  });
  afterEach(async () => {
    for (const module of modules.splice(0)) await module.close();
    for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function anInstance() {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'lcm-state-store-'));
    dataDirs.push(dataDir);
    const config = loadConfig({ DATA_DIR: dataDir, EVENT_STORE: 'esdb://kurrentdb:2113?tls=false', STATE_STORE: database().url });
    const module = await Test.createTestingModule({
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: systemClock },
        { provide: EVENT_STORE, useFactory: () => EsdbEventStore.withClient(esdb, 'esdb://kurrentdb:2113') },
        postgresPoolProvider,
        EventStoreLifecycle,
        idempotencyStoreProvider,
        subscriptionRepositoryProvider,
        workerLeasesProvider,
      ],
    }).compile();
    modules.push(module);
    return {
      dataDir,
      module,
      pool: module.get<Pool | null>(POSTGRES_POOL),
      keys: module.get<IdempotencyStore>(IDEMPOTENCY_STORE),
      subscriptions: module.get(SubscriptionRepository),
      leases: module.get<WorkerLeases>(WORKER_LEASES),
    };
  }

  it('are the PostgreSQL implementations, on a pool opened on STATE_STORE, with nothing written to DATA_DIR', async () => {
    const instance = await anInstance();
    expect(instance.pool).not.toBeNull();
    const { rows } = await instance.pool!.query<{ db: string }>('SELECT current_database() AS db');
    expect(rows).toEqual([{ db: database().name }]);
    expect(instance.keys).toBeInstanceOf(PostgresIdempotencyStore);
    expect(instance.subscriptions).toBeInstanceOf(PostgresSubscriptionRepository);
    expect(instance.leases).toBeInstanceOf(PostgresWorkerLeases);
    expect(readdirSync(instance.dataDir)).toEqual([]);
  });

  it('are shared: a key, a subscription and a worker lease taken on one instance are seen by the other', async () => {
    const [first, second] = [await anInstance(), await anInstance()];
    const key = { sub: 'officer-1', scope: 'POST /applications', key: 'retry-me' };

    const claimed = await first.keys.claim({ ...key, fingerprint: 'f1' });
    expect(claimed.outcome).toBe('claimed');
    if (claimed.outcome !== 'claimed') return;
    const response = { status: 201, headers: { location: '/applications/a-1' }, bodyJson: '{"id":"a-1"}' };
    expect(await first.keys.complete(claimed.claim, response)).toBe(true);
    expect(await second.keys.claim({ ...key, fingerprint: 'f1' })).toMatchObject({ outcome: 'completed', response });

    await first.subscriptions.create(
      {
        id: 'sub-1',
        url: 'https://receiver.example/hook',
        types: [],
        country: null,
        description: null,
        status: 'active',
        checkpoint: null,
        consecutiveFailures: 0,
        nextAttemptAt: 0,
        pausedReason: null,
        createdAt: '2025-11-10T12:00:00.000Z',
        createdBy: 'admin',
      },
      'secret-1',
    );
    expect((await second.subscriptions.list()).map((subscription) => subscription.id)).toEqual(['sub-1']);
    expect(await second.subscriptions.secretOf('sub-1')).toBe('secret-1');

    expect(await first.leases.hold('reevaluation')).toBe(true);
    expect(await second.leases.hold('reevaluation')).toBe(false);
    await first.leases.release('reevaluation');
    expect(await second.leases.hold('reevaluation')).toBe(true);

    for (const instance of [first, second]) {
      expect(existsSync(path.join(instance.dataDir, 'idempotency.sqlite'))).toBe(false);
      expect(existsSync(path.join(instance.dataDir, 'subscriptions.sqlite'))).toBe(false);
    }
    await second.leases.close();
    await first.leases.close();
  });

  it('ends the state store pool once, at shutdown, after the event store', async () => {
    const instance = await anInstance();
    const pool = instance.pool!;
    const ends = jest.spyOn(pool, 'end');
    const disposes = jest.spyOn(esdb, 'dispose');
    await instance.leases.close();
    // An application closed twice (a test restarting on the same data) must not end the pool twice.
    await instance.module.close();
    await instance.module.close();
    expect(pool.ended).toBe(true);
    expect(ends).toHaveBeenCalledTimes(1);
    expect(disposes).toHaveBeenCalledTimes(1);
    expect(disposes.mock.invocationCallOrder[0]).toBeLessThan(ends.mock.invocationCallOrder[0]);
  });
});
