import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Test } from '@nestjs/testing';
import type { Pool } from 'pg';
import { InMemoryEventStore, openPostgresPool, type EventStore } from '@app/infra';
import { describeWithPostgres } from '@app/infra/postgres/testing/postgres-test-database';
import { PublicEventFeed } from '../../apps/api/src/event-feed/public-event-feed';
import { SubscriberStats } from '../../apps/api/src/event-feed/subscriber-stats';
import { APP_CONFIG } from '../../apps/api/src/shared/config/app-config.provider';
import { loadConfig, type AppConfig } from '../../apps/api/src/shared/config/app-config';
import { EVENT_STORE } from '../../apps/api/src/shared/event-store/event-store.providers';
import { POSTGRES_POOL } from '../../apps/api/src/shared/postgres/postgres.providers';
import { PostgresSubscriptionRepository } from '../../apps/api/src/webhook-subscriptions/postgres/postgres-subscription.repository';
import { SqliteSubscriptionRepository } from '../../apps/api/src/webhook-subscriptions/sqlite/sqlite-subscription.repository';
import { SubscriptionRepository } from '../../apps/api/src/webhook-subscriptions/subscription.repository';
import { subscriptionRepositoryProvider } from '../../apps/api/src/webhook-subscriptions/subscription.repository.provider';
import { WebhookDispatcher } from '../../apps/api/src/webhook-subscriptions/webhook-dispatcher';
import { removeDir } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';

/** One API instance's webhook side: the real provider and dispatcher over a shared log and its own pool. */
async function anInstance(config: AppConfig, store: EventStore, pool: Pool | null, repository?: SubscriptionRepository) {
  const module = await Test.createTestingModule({
    providers: [
      { provide: APP_CONFIG, useValue: config },
      { provide: EVENT_STORE, useValue: store },
      { provide: POSTGRES_POOL, useValue: pool },
      repository === undefined ? subscriptionRepositoryProvider : { provide: SubscriptionRepository, useValue: repository },
      PublicEventFeed,
      SubscriberStats,
      WebhookDispatcher,
    ],
  }).compile();
  return { module, dispatcher: module.get(WebhookDispatcher), repository: module.get(SubscriptionRepository) };
}

/**
 * The repository with its lease claims held back until `gate` opens (`waiting` is called when one is held): an
 * instance whose pass read the due subscriptions before another instance delivered them.
 */
function claimingAfter(repository: SubscriptionRepository, gate: Promise<void>, waiting: () => void): SubscriptionRepository {
  return new Proxy(repository, {
    get(target, property) {
      if (property === 'claim') {
        return async (...args: Parameters<SubscriptionRepository['claim']>) => {
          waiting();
          await gate;
          return target.claim(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe('the subscription repository an instance gets', () => {
  it('is the SQLite file under DATA_DIR when the API has no PostgreSQL pool', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'lcm-webhook-sqlite-'));
    try {
      const config = loadConfig({ DATA_DIR: dataDir, JWT_SECRET: 'x'.repeat(40) });
      const { module, repository } = await anInstance(config, new InMemoryEventStore(), null);
      expect(repository).toBeInstanceOf(SqliteSubscriptionRepository);
      await repository.close();
      await module.close();
    } finally {
      removeDir(dataDir);
    }
  });
});

describeWithPostgres('webhooks from several API instances on one PostgreSQL', (database) => {
  const pools: Pool[] = [];
  let dataDir: string;
  let receiver: WebhookReceiver | undefined;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'lcm-webhook-pg-'));
  });
  afterEach(async () => {
    // One database for the suite: each test leaves it without subscriptions.
    await pools[0]?.query('TRUNCATE webhook_subscriptions, webhook_deliveries');
    await Promise.all(pools.splice(0).map((pool) => pool.end()));
    await receiver?.close();
    receiver = undefined;
    removeDir(dataDir);
  });

  const config = () =>
    loadConfig({ DATA_DIR: dataDir, JWT_SECRET: 'x'.repeat(40), WEBHOOK_ALLOWED_RANGES: 'loopback', WEBHOOK_TIMEOUT_MS: '2000' });
  const aPool = async () => {
    const pool = await openPostgresPool(database().url, { max: 3 });
    pools.push(pool);
    return pool;
  };
  /** Public events in the shared log, and a subscription from the beginning of it; answers the events' ids. */
  const eventsAndSubscription = async (store: EventStore, repository: SubscriptionRepository, count: number) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const id = randomUUID();
      ids.push(id);
      const metadata = { actor: 'test', correlationId: id, causationId: null, schemaVersion: 1 };
      await store.appendToStream(`LicenceApplication-${i}`, [{ id, type: 'ReviewTrackChanged', data: { caseId: String(i) }, metadata }], {
        expectedRevision: 'any',
      });
    }
    receiver = await WebhookReceiver.start(() => 'ok');
    await repository.create(
      {
        id: 'sub-1', url: receiver.url, types: [], country: null, description: null, status: 'active', checkpoint: null,
        consecutiveFailures: 0, nextAttemptAt: 0, pausedReason: null, createdAt: new Date().toISOString(), createdBy: 'admin-1',
      },
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    );
    return ids;
  };

  it('let one of two instances passing at the same moment deliver a subscription, the other stays off it', async () => {
    const store = new InMemoryEventStore();
    const [first, second] = [await anInstance(config(), store, await aPool()), await anInstance(config(), store, await aPool())];
    const ids = await eventsAndSubscription(store, first.repository, 6);
    for (let round = 0; round < 3; round += 1) {
      await Promise.all([first.dispatcher.deliverDue(), second.dispatcher.deliverDue(), first.dispatcher.deliverDue()]);
    }
    expect(receiver!.received.map((request) => request.headers['webhook-id'])).toEqual(ids);
    await Promise.all([first.module.close(), second.module.close()]);
  });

  it('deliver each event once, in order, even when one instance read the subscription before the other delivered', async () => {
    const store = new InMemoryEventStore();
    const first = await anInstance(config(), store, await aPool());
    expect(first.repository).toBeInstanceOf(PostgresSubscriptionRepository);
    let openGate = (): void => undefined;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    let claimHeld = (): void => undefined;
    const held = new Promise<void>((resolve) => (claimHeld = resolve));
    const late = claimingAfter(await PostgresSubscriptionRepository.open(await aPool()), gate, () => claimHeld());
    const second = await anInstance(config(), store, null, late);
    const ids = await eventsAndSubscription(store, first.repository, 8);

    // The second instance reads the due subscription (checkpoint: nothing delivered), then waits to claim it.
    const pass = second.dispatcher.deliverDue();
    await held;
    await first.dispatcher.deliverDue();
    expect(receiver!.acknowledgedIds()).toEqual(ids);
    openGate();
    await pass;
    await Promise.all([first.dispatcher.deliverDue(), second.dispatcher.deliverDue()]);

    expect(receiver!.received.map((request) => request.headers['webhook-id'])).toEqual(ids);
    expect(await second.repository.get('sub-1')).toMatchObject({ checkpoint: (await store.lastPosition())!, consecutiveFailures: 0 });
    expect((await second.repository.deliveries('sub-1', 100, null)).map((row) => [row.eventId, row.attempt])).toEqual(
      [...ids].reverse().map((id) => [id, 1]),
    );
    await Promise.all([first.module.close(), second.module.close()]);
  });
});
