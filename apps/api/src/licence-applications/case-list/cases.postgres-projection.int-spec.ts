import Database from 'better-sqlite3';
import fc from 'fast-check';
import type { Pool } from 'pg';
import { aCase, anEndUser, APPLICATION_ID, OFFICER } from '@app/domain/testing/domain-builders';
import { InMemoryEventStore, migrateReadModels, openPostgresPool, type RecordedEvent } from '@app/infra';
import { describeWithPostgres } from '@app/infra/postgres/testing/postgres-test-database';
import { dumpPostgresProjection, projectPostgresBatch } from '@app/infra/projections/postgres/testing';
import { casesPostgresProjection } from './cases.postgres-projection';
import { casesProjection } from './cases.projection';
import { CASES_TABLES } from './cases.schema';
import { appendCases, dumpSqliteCases, emptyPostgres, preparePostgres, projectIntoSqlite } from './testing/both-databases';
import { aCaseLog, DomainCases, sampledCaseLog, streamOf } from './testing/domain-cases';

/** The log cut at these indexes (taken modulo its length), in order: consecutive batches. */
function batchesOf(events: readonly RecordedEvent[], cuts: readonly number[]): RecordedEvent[][] {
  const at = [...new Set(cuts.map((cut) => cut % (events.length + 1)))].sort((a, b) => a - b);
  const bounds = [0, ...at, events.length];
  return bounds.slice(1).map((end, index) => events.slice(bounds[index], end));
}

/** What each SQLite column type becomes: values node-pg answers as better-sqlite3 does, text compared by bytes. */
const POSTGRES_TYPES = {
  TEXT: { type: 'text', collation: 'C' },
  INTEGER: { type: 'integer', collation: null },
  REAL: { type: 'double precision', collation: null },
};

describeWithPostgres('the cases projection in PostgreSQL', (database) => {
  let pool: Pool;
  beforeAll(async () => {
    pool = await openPostgresPool(database().url, { max: 4 });
    await preparePostgres(pool);
  });
  afterAll(async () => {
    await pool.end();
  });
  beforeEach(() => emptyPostgres(pool));

  const project = async (batches: ReadonlyArray<readonly RecordedEvent[]>) => {
    for (const batch of batches) await projectPostgresBatch(pool, casesPostgresProjection, batch);
  };
  const dump = () => dumpPostgresProjection(pool, casesPostgresProjection);

  it('creates the same tables and columns as SQLite, in the same order, typed so node-pg answers what better-sqlite3 does', async () => {
    const sqlite = new Database(':memory:');
    try {
      migrateReadModels(sqlite, [casesProjection], () => new Date());
      for (const table of CASES_TABLES) {
        const columns = sqlite
          .prepare<[string], { name: string; type: string }>('SELECT name, type FROM pragma_table_info(?) ORDER BY cid')
          .all(table);
        const { rows } = await pool.query<{ name: string; type: string; collation: string | null }>(
          `SELECT column_name AS name, data_type AS type, collation_name AS collation FROM information_schema.columns
           WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
          [table],
        );
        expect(rows).toEqual(columns.map(({ name, type }) => ({ name, ...POSTGRES_TYPES[type as keyof typeof POSTGRES_TYPES] })));
      }
    } finally {
      sqlite.close();
    }
  });

  it('builds the same tables as SQLite from any log: in one batch, in several, and with events delivered again', async () => {
    await fc.assert(
      fc.asyncProperty(
        aCaseLog(6, 30),
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.nat(),
        async (log, sqliteBatch, cuts, replayFrom) => {
          const projected = await projectIntoSqlite(new DomainCases(), log, sqliteBatch);
          try {
            const expected = dumpSqliteCases(projected);
            const { events } = projected;

            await emptyPostgres(pool);
            await project([events]);
            expect(await dump()).toEqual(expected);

            await emptyPostgres(pool);
            await project(batchesOf(events, cuts));
            expect(await dump()).toEqual(expected);

            // A lost checkpoint: the end of the log delivered again, in batches again, changes no row and no counter.
            await project(batchesOf(events.slice(replayFrom % (events.length + 1)), cuts));
            expect(await dump()).toEqual(expected);
          } finally {
            await projected.close();
          }
        },
      ),
      { numRuns: 12 },
    );
  });

  it('rebuilds the same rows after a reset, and a large log in one batch as SQLite does', async () => {
    const projected = await projectIntoSqlite(new DomainCases(), sampledCaseLog(31, 300, 1_200), 500);
    try {
      const expected = dumpSqliteCases(projected);
      await project(batchesOf(projected.events, [400, 900, 1_300]));
      expect(await dump()).toEqual(expected);

      await casesPostgresProjection.reset(pool);
      expect(Object.values(await dump()).every((rows) => rows.length === 0)).toBe(true);
      await project([projected.events]);
      expect(await dump()).toEqual(expected);
    } finally {
      await projected.close();
    }
  });

  it('moves an approved licence off the workload’s open cases and onto the expiry schedule, once however often delivered', async () => {
    const licence = aCase({ parties: [anEndUser('KH'), anEndUser('FR')] })
      .assigned()
      .approved();
    const store = new InMemoryEventStore();
    await appendCases(store, [{ applicationId: APPLICATION_ID, streamName: streamOf(APPLICATION_ID), events: licence.events, revisionBefore: null }]);
    const events = await store.readAll({ limit: 100 });
    const [submitted, assigned, approved] = events;

    // Given the submission and the assignment, when the approval arrives, twice, with the assignment again.
    await project([[submitted!, assigned!], [approved!, assigned!], [approved!]]);

    const { rows: caseRows } = await pool.query('SELECT status, assignee, valid_until, last_revision FROM case_list');
    const validUntil = (approved!.data as { validUntil: string }).validUntil;
    expect(caseRows).toEqual([{ status: 'approved', assignee: OFFICER, valid_until: validUntil, last_revision: 2 }]);
    expect((await pool.query('SELECT officer_id, status, count FROM officer_workload')).rows).toEqual([
      { officer_id: OFFICER, status: 'approved', count: 1 },
    ]);
    expect((await pool.query('SELECT status, country, count FROM dashboard_counts ORDER BY country')).rows).toEqual([
      { status: 'approved', country: 'FR', count: 1 },
      { status: 'approved', country: 'KH', count: 1 },
    ]);
    expect((await pool.query('SELECT application_id, valid_until, status FROM licence_expiry')).rows).toEqual([
      { application_id: APPLICATION_ID, valid_until: validUntil, status: 'approved' },
    ]);
    await store.close();
  });

  it('refuses to take a counter below zero: the counters no longer match their rows', async () => {
    const projected = await projectIntoSqlite(new DomainCases(), sampledCaseLog(5, 6, 30));
    try {
      const events = projected.events;
      const half = Math.floor(events.length / 2);
      await project([events.slice(0, half)]);
      await pool.query('DELETE FROM case_totals');

      await expect(project([events.slice(half)])).rejects.toThrow(/case_totals: a bucket holds fewer than the batch takes away/);
    } finally {
      await projected.close();
    }
  });
});
