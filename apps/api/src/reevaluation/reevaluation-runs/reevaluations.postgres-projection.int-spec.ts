import Database from 'better-sqlite3';
import type { Pool } from 'pg';
import { dumpProjection, migrateReadModels, openPostgresPool, streamCategory, type RecordedEvent } from '@app/infra';
import { describeWithPostgres } from '@app/infra/postgres/testing/postgres-test-database';
import {
  dumpPostgresProjection,
  migratePostgresProjection,
  projectPostgresBatch,
} from '@app/infra/projections/postgres/testing/postgres-projection-driver';
import { reevaluationsPostgresProjection } from './reevaluations.postgres-projection';
import { reevaluationsProjection } from './reevaluations.projection';
import { recordLog } from './testing/reevaluation-log';
import { exampleLog } from './testing/reevaluations-example-log';

/** The log in batches of `size` events. */
function batchesOf(log: readonly RecordedEvent[], size: number): RecordedEvent[][] {
  const batches: RecordedEvent[][] = [];
  for (let start = 0; start < log.length; start += size) batches.push(log.slice(start, start + size));
  return batches;
}

/** The SQLite projection fed these batches, each folded then written in one transaction, as its projector does. */
function projectSqlite(batches: readonly RecordedEvent[][]): Record<string, unknown[]> {
  const db = new Database(':memory:');
  try {
    migrateReadModels(db, [reevaluationsProjection], () => new Date('2026-01-05T09:00:00.000Z'));
    for (const events of batches) {
      const fold = reevaluationsProjection.fold!(db);
      fold.add(events.filter((event) => reevaluationsProjection.categories!.includes(streamCategory(event.streamName))));
      db.transaction(() => fold.write())();
    }
    return dumpProjection(db, reevaluationsProjection);
  } finally {
    db.close();
  }
}

describeWithPostgres('the reevaluations projection in PostgreSQL', (database) => {
  let pool: Pool;
  beforeAll(async () => {
    pool = await openPostgresPool(database().url, { max: 2 });
    await migratePostgresProjection(pool, reevaluationsPostgresProjection);
  });
  afterAll(async () => {
    await pool.end();
  });
  beforeEach(async () => {
    await reevaluationsPostgresProjection.reset(pool);
  });

  const projectPostgres = async (batches: readonly RecordedEvent[][]): Promise<Record<string, unknown[]>> => {
    for (const events of batches) await projectPostgresBatch(pool, reevaluationsPostgresProjection, events);
    return dumpPostgresProjection(pool, reevaluationsPostgresProjection);
  };

  const { log: specified, runs, cases } = exampleLog();
  const log = recordLog(specified);

  it('has the same tables and columns as the SQLite projection', async () => {
    const sqlite = new Database(':memory:');
    try {
      migrateReadModels(sqlite, [reevaluationsProjection], () => new Date());
      for (const table of reevaluationsPostgresProjection.tables) {
        const sqliteColumns = sqlite.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?) ORDER BY cid').all(table);
        const postgresColumns = await pool.query<{ name: string }>(
          `SELECT column_name AS name FROM information_schema.columns
           WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
          [table],
        );
        expect(postgresColumns.rows).toEqual(sqliteColumns);
      }
    } finally {
      sqlite.close();
    }
  });

  it('holds the same rows as SQLite for the log folded in one batch', async () => {
    const sqlite = projectSqlite([log]);
    // The example reaches every table, and every decision: cancelled lapses, handled and open stale submissions.
    expect(sqlite.reevaluation_runs).toHaveLength(15);
    expect(sqlite.reevaluation_runs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ reevaluation_id: runs.lapse2023, status: 'running' }),
        expect.objectContaining({ reevaluation_id: runs.removalRun, status: 'completed', caught_late: 1 }),
      ]),
    );
    expect(sqlite.reevaluation_runs.filter((run) => (run as { status: string }).status === 'cancelled')).toHaveLength(1);
    expect(sqlite.stale_submissions).toEqual([
      expect.objectContaining({ application_id: cases.stale, handled: 1 }),
      expect.objectContaining({ application_id: cases.staleToo, handled: 0 }),
      expect.objectContaining({ application_id: cases.staleCY, handled: 0 }),
    ]);
    expect(await projectPostgres([log])).toEqual(sqlite);
  });

  it.each([1, 2, 5])('holds the same rows as SQLite for the log folded in batches of %i', async (size) => {
    const batches = batchesOf(log, size);
    const sqlite = projectSqlite(batches);
    expect(sqlite).toEqual(projectSqlite([log]));
    expect(await projectPostgres(batches)).toEqual(sqlite);
  });

  it('holds the same rows as SQLite when the log is delivered again', async () => {
    const batches = [...batchesOf(log, 7), ...batchesOf(log, 4), [...log, ...log]];
    const sqlite = projectSqlite(batches);
    expect(await projectPostgres(batches)).toEqual(sqlite);
  });

  it('holds nothing once reset', async () => {
    await projectPostgres([log]);
    await reevaluationsPostgresProjection.reset(pool);
    const dump = await dumpPostgresProjection(pool, reevaluationsPostgresProjection);
    expect(Object.values(dump).every((rows) => rows.length === 0)).toBe(true);
  });
});
