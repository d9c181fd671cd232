import type { Pool } from 'pg';
import { inTransaction } from './postgres-pool';

/** A forward-only schema step of one component (event store, idempotency keys, leases…), numbered from 1. */
export interface PostgresMigration {
  readonly version: number;
  readonly name: string;
  readonly up: string;
}

/** Any constant: the advisory lock that serialises migrations of every component across API instances. */
const MIGRATION_LOCK = 0x4c434d31; // "LCM1"

/**
 * Applies the component's migrations not applied yet, each in its own transaction, recorded in
 * `schema_migrations (component, version)`. Several instances starting together take turns (a transaction-level
 * advisory lock), so each step runs once.
 */
export async function applyPostgresMigrations(pool: Pool, component: string, migrations: readonly PostgresMigration[]): Promise<void> {
  await pool.query(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       component  text        NOT NULL,
       version    integer     NOT NULL,
       name       text        NOT NULL,
       applied_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (component, version)
     )`,
  ).catch(async (error: unknown) => {
    // Two instances creating the table at once: one wins, the other's CREATE fails on the catalogue's unique index
    // (23505) or finds the table's row type just created (42710, 42P07).
    if (!['23505', '42710', '42P07'].includes((error as { code?: string }).code ?? '')) throw error;
  });
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const done = await client.query('SELECT 1 FROM schema_migrations WHERE component = $1 AND version = $2', [
        component,
        migration.version,
      ]);
      if (done.rowCount !== 0) return;
      await client.query(migration.up);
      await client.query('INSERT INTO schema_migrations (component, version, name) VALUES ($1, $2, $3)', [
        component,
        migration.version,
        migration.name,
      ]);
    });
  }
}
