import type { Pool } from 'pg';
import { StoreUnavailableError } from '../../event-store/event-store.errors';
import { openPostgresPool } from '../../postgres/postgres-pool';
import { startPostgresRelay } from '../../postgres/testing/postgres-outage';
import { describeWithPostgres } from '../../postgres/testing/postgres-test-database';
import type { IdempotencyStore } from '../idempotency-store.port';
import { describeIdempotencyStoreBehaviour } from '../testing/idempotency-store.behaviour';
import { PostgresIdempotencyStore } from './postgres-idempotency-store';

describeWithPostgres('PostgresIdempotencyStore', (database) => {
  let pool: Pool;
  beforeAll(async () => {
    pool = await openPostgresPool(database().url, { max: 4 });
  });
  afterAll(async () => {
    await pool.end();
  });

  describeIdempotencyStoreBehaviour(
    'PostgresIdempotencyStore',
    async ({ now, leaseMs }) => {
      const opened: IdempotencyStore[] = [];
      const open = async () => {
        const store = await PostgresIdempotencyStore.open(pool, { now, leaseMs });
        opened.push(store);
        return store;
      };
      const store = await open();
      // One database for the suite: each test starts from empty tables.
      await pool.query('TRUNCATE idempotency_keys, idempotency_answered_log');
      return {
        store,
        reopen: open,
        dispose: async () => {
          for (const each of opened) await each.close();
        },
      };
    },
    { durable: true },
  );

  describe('PostgreSQL specifics', () => {
    const request = { sub: 'clerk-7', scope: 'POST /applications', key: 'race', fingerprint: 'f' };
    const now = () => new Date('2025-11-10T12:00:00.000Z');

    beforeEach(async () => {
      await PostgresIdempotencyStore.open(pool);
      await pool.query('TRUNCATE idempotency_keys, idempotency_answered_log');
    });

    it('lets exactly one of two instances (two pools) claim a key; every other claim sees it in flight', async () => {
      const pools = await Promise.all([1, 2].map(() => openPostgresPool(database().url, { max: 5 })));
      try {
        const stores = await Promise.all(pools.map((each) => PostgresIdempotencyStore.open(each, { now })));
        const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => stores[i % 2]!.claim(request)));
        expect(outcomes.filter((outcome) => outcome.outcome === 'claimed')).toHaveLength(1);
        expect(outcomes.filter((outcome) => outcome.outcome === 'in-flight')).toHaveLength(19);
        expect(await stores[0]!.find(request)).toEqual(await stores[1]!.find(request));
        const rows = await pool.query('SELECT count(*)::int AS n FROM idempotency_keys');
        expect(rows.rows).toEqual([{ n: 1 }]);
      } finally {
        await Promise.all(pools.map((each) => each.end()));
      }
    });

    it('lets exactly one of two instances take over a stale claim', async () => {
      let clock = Date.parse('2025-11-10T12:00:00.000Z');
      const pools = await Promise.all([1, 2].map(() => openPostgresPool(database().url, { max: 5 })));
      try {
        const stores = await Promise.all(pools.map((each) => PostgresIdempotencyStore.open(each, { now: () => new Date(clock), leaseMs: 1_000 })));
        await stores[0]!.claim(request);
        clock += 1_000;
        const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => stores[i % 2]!.claim(request)));
        expect(outcomes.filter((outcome) => outcome.outcome === 'claimed')).toEqual([expect.objectContaining({ tookOver: true })]);
        expect(outcomes.filter((outcome) => outcome.outcome === 'in-flight')).toHaveLength(9);
      } finally {
        await Promise.all(pools.map((each) => each.end()));
      }
    });

    it('binds instances starting together to one log, and forgets the keys once when the log changes', async () => {
      const store = await PostgresIdempotencyStore.open(pool, { now });
      expect(await Promise.all([1, 2, 3].map(() => store.bindToLog('log-a')))).toEqual([0, 0, 0]);
      await store.claim(request);
      expect((await Promise.all([1, 2, 3].map(() => store.bindToLog('log-b')))).sort()).toEqual([0, 0, 1]);
      expect((await pool.query('SELECT log_id FROM idempotency_answered_log')).rows).toEqual([{ log_id: 'log-b' }]);
    });

    it('keeps a response body byte for byte, and refuses a body that is not JSON', async () => {
      const store = await PostgresIdempotencyStore.open(pool, { now });
      const outcome = await store.claim(request);
      if (outcome.outcome !== 'claimed') throw new Error('expected a claim');
      const bodyJson = '{"z":1,  "a":[2,1]}';
      await expect(store.complete(outcome.claim, { status: 200, headers: {}, bodyJson: 'not json' })).rejects.toThrow(/json/i);
      expect(await store.complete(outcome.claim, { status: 200, headers: { ETag: '"3"' }, bodyJson })).toBe(true);
      expect(await store.claim(request)).toMatchObject({ outcome: 'completed', response: { bodyJson, headers: { ETag: '"3"' } } });
    });

    it('records its migration once under its own component', async () => {
      await Promise.all([1, 2].map(() => PostgresIdempotencyStore.open(pool)));
      const applied = await pool.query("SELECT version, name FROM schema_migrations WHERE component = 'idempotency'");
      expect(applied.rows).toEqual([{ version: 1, name: 'create-idempotency-keys' }]);
    });

    it('answers StoreUnavailableError while PostgreSQL is unreachable, and works again once it is back', async () => {
      const relay = await startPostgresRelay(database().url);
      const relayed = await openPostgresPool(relay.url, { max: 2 });
      try {
        const store = await PostgresIdempotencyStore.open(relayed, { now });
        await relay.cut();
        await expect(store.claim(request)).rejects.toBeInstanceOf(StoreUnavailableError);
        await expect(store.find(request)).rejects.toThrow(/idempotency keys in postgres:\/\/.*unavailable/);
        await expect(PostgresIdempotencyStore.open(relayed)).rejects.toBeInstanceOf(StoreUnavailableError);
        await relay.restore();
        expect(await store.claim(request)).toMatchObject({ outcome: 'claimed' });
      } finally {
        await relayed.end();
        await relay.close();
      }
    });
  });
});
