import { createTestDatabase, postgresSkipReason, postgresTestUrl, type TestDatabase } from '../../libs/infra/src/postgres/testing/postgres-test-database';

/**
 * Which store the e2e suites run on: the embedded SQLite store (default), or PostgreSQL when
 * TEST_EVENT_STORE=postgres (`npm run test:postgres` and `TEST_EVENT_STORE=postgres npx jest`). On PostgreSQL each
 * data directory of a test gets a database of its own, created on first use and dropped with the directory, so a
 * restart on the same directory finds the same log.
 */
export type TestStoreKind = 'sqlite' | 'postgres';

export function testStoreKind(): TestStoreKind {
  const kind = process.env.TEST_EVENT_STORE ?? 'sqlite';
  if (kind !== 'sqlite' && kind !== 'postgres') throw new Error(`TEST_EVENT_STORE must be sqlite or postgres, got ${kind}`);
  return kind;
}

const databases = new Map<string, Promise<TestDatabase>>();

/** The environment that points a server with this data directory at the test store (empty on SQLite). */
export async function testStoreEnv(dataDir: string): Promise<Record<string, string>> {
  if (testStoreKind() === 'sqlite') return {};
  if (postgresTestUrl() === null) throw new Error(`TEST_EVENT_STORE=postgres, but ${postgresSkipReason()}`);
  let database = databases.get(dataDir);
  if (database === undefined) {
    database = createTestDatabase('e2e');
    databases.set(dataDir, database);
  }
  return { EVENT_STORE: (await database).url };
}

/** Drops the database of a data directory (PostgreSQL), once its servers are stopped. */
export async function releaseTestStore(dataDir: string): Promise<void> {
  const database = databases.get(dataDir);
  if (database === undefined) return;
  databases.delete(dataDir);
  await (await database).drop();
}

/**
 * `describe` on SQLite; on another test store, `describe.skip` saying why: for suites that open, damage or lock
 * the SQLite files themselves (their PostgreSQL counterparts live beside the adapter).
 */
export function describeOnSqlite(name: string, why: string, body: () => void): void {
  if (testStoreKind() === 'sqlite') describe(name, body);
  else describe.skip(`${name} [SQLite only: ${why}]`, body);
}

/** `it` on SQLite; on another test store, `it.skip` saying why (see {@link describeOnSqlite}). */
export function itOnSqlite(name: string, why: string, body: () => Promise<void>, timeoutMs?: number): void {
  if (testStoreKind() === 'sqlite') it(name, body, timeoutMs);
  else it.skip(`${name} [SQLite only: ${why}]`, body, timeoutMs);
}
