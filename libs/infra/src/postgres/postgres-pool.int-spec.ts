import { StoreUnavailableError } from '../event-store/event-store.errors';
import { applyPostgresMigrations } from './postgres-migrations';
import { openPostgresPool, redactUrl } from './postgres-pool';
import { describeWithPostgres } from './testing/postgres-test-database';

describe('openPostgresPool without a server', () => {
  it('fails within seconds with StoreUnavailableError naming the store without its password', async () => {
    const started = Date.now();
    // Port 1 on the loopback: nothing listens there, the connection is refused at once.
    const opening = openPostgresPool('postgres://lcm:s3cret@127.0.0.1:1/cases');
    await expect(opening).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(opening).rejects.toThrow(/postgres:\/\/lcm:\*\*\*@127\.0\.0\.1:1\/cases.*ECONNREFUSED/);
    await expect(opening).rejects.not.toThrow(/s3cret/);
    expect(Date.now() - started).toBeLessThan(6_000);
  });

  it('redacts only the password', () => {
    expect(redactUrl('postgres://u:p@h:5432/d?sslmode=require')).toBe('postgres://u:***@h:5432/d?sslmode=require');
    expect(redactUrl('postgres://h/d')).toBe('postgres://h/d');
  });
});

describeWithPostgres('applyPostgresMigrations', (database) => {
  it('applies each step once, even when several instances start together', async () => {
    const pools = await Promise.all([1, 2, 3].map(() => openPostgresPool(database().url, { max: 2 })));
    try {
      const migrations = [
        { version: 1, name: 'create-t', up: 'CREATE TABLE t (n integer)' },
        { version: 2, name: 'fill-t', up: 'INSERT INTO t VALUES (1)' },
      ];
      await Promise.all(pools.map((pool) => applyPostgresMigrations(pool, 'test-component', migrations)));
      await applyPostgresMigrations(pools[0], 'test-component', migrations);
      expect((await pools[0].query('SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 1 }]);
      const applied = await pools[0].query("SELECT version, name FROM schema_migrations WHERE component = 'test-component' ORDER BY version");
      expect(applied.rows).toEqual([
        { version: 1, name: 'create-t' },
        { version: 2, name: 'fill-t' },
      ]);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });
});
