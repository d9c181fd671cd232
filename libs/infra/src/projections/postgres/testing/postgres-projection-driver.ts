import type { Pool } from 'pg';
import type { RecordedEvent } from '../../../event-store/event-store.port';
import { streamCategory } from '../../../event-store/event-store.port';
import { applyPostgresMigrations } from '../../../postgres/postgres-migrations';
import { inTransaction } from '../../../postgres/postgres-pool';
import type { PostgresProjection, Sql } from '../postgres-projection';

/**
 * Drives a PostgreSQL projection in tests without a projector: its migrations, one batch (fold then write in one
 * transaction, as the projector does), and a deterministic dump of its tables to compare with the SQLite twin.
 */

/** Creates the projection's tables (migration component `read-model:<name>`, as the projector records them). */
export async function migratePostgresProjection(pool: Pool, projection: PostgresProjection): Promise<void> {
  await applyPostgresMigrations(pool, `read-model:${projection.name}`, projection.migrations);
}

/** One batch: the events of the projection's categories folded, then written in one transaction. */
export async function projectPostgresBatch(pool: Pool, projection: PostgresProjection, events: readonly RecordedEvent[]): Promise<void> {
  const categories = projection.categories;
  const batch = events.filter((event) => categories === undefined || categories.includes(streamCategory(event.streamName)));
  const fold = projection.fold(pool);
  await fold.add(batch);
  await inTransaction(pool, (tx) => fold.write(tx));
}

/**
 * Every row of every table the projection owns, each table ordered by all of its columns in byte order (as SQLite
 * orders text), so a dump equals `dumpProjection` of the SQLite twin over the same log.
 */
export async function dumpPostgresProjection(db: Sql, projection: PostgresProjection): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  for (const table of projection.tables) {
    const columns = await db.query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
      [table],
    );
    if (columns.rows.length === 0) throw new Error(`Projection ${projection.name} lists table ${table}, which does not exist`);
    const order = columns.rows
      .map(({ column_name: name, data_type: type }) => (type === 'text' ? `"${name}" COLLATE "C"` : `"${name}"`))
      .join(', ');
    dump[table] = (await db.query(`SELECT * FROM "${table}" ORDER BY ${order}`)).rows;
  }
  return dump;
}
