import { escapeLiteral, type Pool } from 'pg';
import { openPostgresPool, StoreUnavailableError } from '@app/infra';
import { startPostgresRelay } from '@app/infra/postgres/testing/postgres-outage';
import { describeWithPostgres } from '@app/infra/postgres/testing/postgres-test-database';
import type { Subscription } from '../subscription';
import { describeSubscriptionRepositoryBehaviour } from '../testing/subscription-repository.behaviour';
import { PostgresSubscriptionRepository } from './postgres-subscription.repository';

const subscription: Subscription = {
  id: 'sub-1',
  url: 'https://warehouse.example.com/hooks',
  types: [],
  country: null,
  description: null,
  status: 'active',
  checkpoint: null,
  consecutiveFailures: 0,
  nextAttemptAt: 0,
  pausedReason: null,
  createdAt: '2025-11-10T12:00:00.000Z',
  createdBy: 'admin-1',
};

describeWithPostgres('PostgresSubscriptionRepository', (database) => {
  let pool: Pool;
  beforeAll(async () => {
    pool = await openPostgresPool(database().url, { max: 4 });
  });
  afterAll(async () => {
    await pool.end();
  });

  /** Each test starts from empty tables, without the fault a previous test installed. */
  const freshRepository = async (): Promise<PostgresSubscriptionRepository> => {
    const repository = await PostgresSubscriptionRepository.open(pool);
    await pool.query('DROP TRIGGER IF EXISTS refuse_updates ON webhook_subscriptions');
    await pool.query('TRUNCATE webhook_subscriptions, webhook_deliveries');
    return repository;
  };

  describeSubscriptionRepositoryBehaviour('PostgresSubscriptionRepository', async () => {
    const repository = await freshRepository();
    // Each other instance has its own pool, as another API instance would.
    const instancePools: Pool[] = [];
    return {
      repository,
      another: async () => {
        const instancePool = await openPostgresPool(database().url, { max: 4 });
        instancePools.push(instancePool);
        return PostgresSubscriptionRepository.open(instancePool);
      },
      failUpdatesOf: async (id) => {
        await pool.query(
          `CREATE OR REPLACE FUNCTION refuse_update() RETURNS trigger LANGUAGE plpgsql
           AS $$ BEGIN RAISE EXCEPTION 'updates of % refused by the test', OLD.id; END $$`,
        );
        await pool.query(
          `CREATE TRIGGER refuse_updates BEFORE UPDATE ON webhook_subscriptions
           FOR EACH ROW WHEN (OLD.id = ${escapeLiteral(id)}) EXECUTE FUNCTION refuse_update()`,
        );
      },
      dispose: async () => {
        await Promise.all(instancePools.splice(0).map((each) => each.end()));
      },
    };
  });

  describe('PostgreSQL specifics', () => {
    let repository: PostgresSubscriptionRepository;
    beforeEach(async () => {
      repository = await freshRepository();
    });

    it('records its migration once under its own component', async () => {
      await Promise.all([1, 2].map(() => PostgresSubscriptionRepository.open(pool)));
      const applied = await pool.query("SELECT version, name FROM schema_migrations WHERE component = 'webhook-subscriptions'");
      expect(applied.rows).toEqual([{ version: 1, name: 'create-subscriptions-and-deliveries' }]);
    });

    it('lets a delete and a delivery logged at the same moment both finish, leaving nothing behind', async () => {
      for (let round = 0; round < 10; round += 1) {
        await repository.create(subscription, 's');
        const attempt = {
          subscriptionId: 'sub-1', eventId: `e${round}`, eventType: 'ReviewTrackChanged', position: String(round), attempt: 1,
          attemptedAt: '2025-11-10T12:00:01.000Z', outcome: 'delivered' as const, statusCode: 204, error: null, durationMs: 5,
        };
        const [deleted] = await Promise.all([repository.delete('sub-1'), repository.recordDelivered(attempt)]);
        expect(deleted).toBe(true);
        expect((await pool.query('SELECT count(*)::int AS n FROM webhook_deliveries')).rows).toEqual([{ n: 0 }]);
      }
    });

    it('answers StoreUnavailableError while PostgreSQL is unreachable, and works again once it is back', async () => {
      await repository.create(subscription, 's');
      const relay = await startPostgresRelay(database().url);
      const relayed = await openPostgresPool(relay.url, { max: 2 });
      try {
        const instance = await PostgresSubscriptionRepository.open(relayed);
        await relay.cut();
        await expect(instance.due(Date.now())).rejects.toBeInstanceOf(StoreUnavailableError);
        await expect(instance.claim('sub-1', 'a', 0, 1)).rejects.toThrow(/webhook subscriptions in postgres:\/\/.*unavailable/);
        await expect(PostgresSubscriptionRepository.open(relayed)).rejects.toBeInstanceOf(StoreUnavailableError);
        await relay.restore();
        expect(await instance.claim('sub-1', 'a', 0, 1)).toBe(true);
      } finally {
        await relayed.end();
        await relay.close();
      }
    });
  });
});
