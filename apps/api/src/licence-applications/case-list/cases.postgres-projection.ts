import { LICENCE_APPLICATION_CATEGORY } from '@app/domain';
import type { PostgresProjection, PostgresProjectionFold, RecordedEvent, Sql } from '@app/infra';
import type { CaseRow } from './case-row';
import {
  applyCounterDeltas,
  caseListIsEmpty,
  insertCases,
  loadCases,
  loadCountries,
  scheduleExpiries,
  unscheduleExpiries,
  updateCases,
} from './case-list.postgres-table';
import { CasesBatch, expiryMove } from './cases-batch';
import { CASES_PROJECTION } from './cases.projection';
import { CASES_POSTGRES_MIGRATIONS } from './cases.postgres-schema';
import { CASES_TABLES } from './cases.schema';

/**
 * A batch of the case list into PostgreSQL: the same in-memory batch as SQLite's fold, its stored rows loaded
 * through the pool (`= ANY` of the batch's new cases), its rows, schedule and counters written in the projector's
 * transaction, many rows a statement.
 */
class CasesPostgresFold implements PostgresProjectionFold {
  /** Created by the first `add`: whether the case list is empty takes a query. */
  private batch: CasesBatch | null = null;

  constructor(private readonly db: Sql) {}

  get held(): number {
    return this.batch?.held ?? 0;
  }

  async add(events: readonly RecordedEvent[]): Promise<void> {
    this.batch ??= new CasesBatch(await caseListIsEmpty(this.db));
    const unknown = this.batch.unknownCases(events);
    if (unknown.length > 0) this.batch.loaded(unknown, await loadCases(this.db, unknown));
    this.batch.add(events);
  }

  async write(tx: Sql): Promise<void> {
    const batch = this.batch;
    if (batch === null) return;
    const inserted: Array<{ row: CaseRow; countries: readonly string[] }> = [];
    const updated: CaseRow[] = [];
    const scheduled: Array<{ applicationId: string; validUntil: string; status: string }> = [];
    const unscheduled: string[] = [];
    for (const { applicationId, stored, current, opened } of batch.changed()) {
      if (stored === null) inserted.push({ row: current, countries: opened ?? [] });
      else updated.push(current);
      const move = expiryMove(stored, current);
      if (move === 'unschedule') unscheduled.push(applicationId);
      else if (move !== null) scheduled.push({ applicationId, ...move.schedule });
    }
    await insertCases(tx, inserted);
    await updateCases(tx, updated);
    await scheduleExpiries(tx, scheduled);
    await unscheduleExpiries(tx, unscheduled);
    const moves = batch.countMoves(await loadCountries(tx, batch.countriesNeeded()));
    await applyCounterDeltas(tx, 'officer_workload', ['officer_id', 'status'], moves.workload);
    await applyCounterDeltas(tx, 'dashboard_counts', ['status', 'review_track', 'country'], moves.dashboard);
    await applyCounterDeltas(tx, 'case_totals', ['status', 'review_track'], moves.totals);
  }
}

/**
 * The `cases` projection in PostgreSQL, the twin of {@link casesProjection}: the same tables, rows and counters
 * for the same log, shared by every API instance on the database.
 *
 * Duplicate delivery: as in SQLite, each row keeps the revision of the case's last event, and an event at or
 * below it changes neither the row nor any counter.
 */
export const casesPostgresProjection: PostgresProjection = {
  name: CASES_PROJECTION,
  categories: [LICENCE_APPLICATION_CATEGORY],
  migrations: CASES_POSTGRES_MIGRATIONS,
  tables: CASES_TABLES,

  fold(db: Sql): PostgresProjectionFold {
    return new CasesPostgresFold(db);
  },

  async reset(tx: Sql): Promise<void> {
    // DELETE, not TRUNCATE: readers keep seeing the old rows until the rebuild commits, instead of waiting on its lock.
    for (const table of CASES_TABLES) await tx.query(`DELETE FROM ${table}`);
  },
};
