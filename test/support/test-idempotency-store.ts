import { rmSync } from 'node:fs';
import path from 'node:path';
import { openPostgresPool, PostgresIdempotencyStore, SqliteIdempotencyStore, type IdempotencyStore } from '@app/infra';
import { testStoreEnv, testStoreKind } from './test-store';

/**
 * Opens the idempotency keys of a test data directory as another process would, on whichever store the suites run
 * on (test-store.ts): `DATA_DIR/idempotency.sqlite`, or the data directory's PostgreSQL database.
 */
export async function openTestIdempotencyStore(dataDir: string, options: { now?: () => Date } = {}): Promise<IdempotencyStore> {
  if (testStoreKind() === 'sqlite') return SqliteIdempotencyStore.open(path.join(dataDir, 'idempotency.sqlite'), options);
  const { EVENT_STORE } = await testStoreEnv(dataDir);
  const pool = await openPostgresPool(EVENT_STORE, { max: 2 });
  const store = await PostgresIdempotencyStore.open(pool, options);
  // The store does not own the pool: closing it closes the pool too, as a separate process would.
  return Object.assign(Object.create(store) as IdempotencyStore, {
    close: async () => {
      await store.close();
      await pool.end();
    },
  });
}

/** Loses every recorded answer of a stopped server's data directory: the crash window between append and answer. */
export async function loseRecordedAnswers(dataDir: string): Promise<void> {
  if (testStoreKind() === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) rmSync(path.join(dataDir, `idempotency.sqlite${suffix}`), { force: true });
    return;
  }
  const store = await openTestIdempotencyStore(dataDir);
  try {
    await store.forgetAll();
  } finally {
    await store.close();
  }
}
