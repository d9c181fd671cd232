import type Database from 'better-sqlite3';
import { LICENCE_APPLICATION_CATEGORY } from '@app/domain';
import type { Projection, ProjectionFold, RecordedEvent } from '@app/infra';
import { caseListTable } from './case-list.table';
import { CasesBatch } from './cases-batch';
import { CASES_MIGRATIONS, CASES_TABLES } from './cases.schema';

export const CASES_PROJECTION = 'cases';

type Table = ReturnType<typeof caseListTable>;

/** From this many new cases on, a batch into empty tables (a rebuild) builds the indexes after the rows. */
const BULK_INSERTS = 5_000;

/** A batch of the case list into SQLite: the shared in-memory batch, loaded and written through prepared statements. */
class CasesFold implements ProjectionFold {
  private readonly batch: CasesBatch;

  constructor(private readonly table: Table) {
    this.batch = new CasesBatch(table.isEmpty());
  }

  get held(): number {
    return this.batch.held;
  }

  add(events: readonly RecordedEvent[]): void {
    // Reads the stored rows of the cases the batch has not touched yet, together.
    const unknown = this.batch.unknownCases(events);
    if (unknown.length > 0) this.batch.loaded(unknown, this.table.load(unknown));
    this.batch.add(events);
  }

  write(): void {
    const { intoEmpty } = this.batch;
    if (intoEmpty && this.batch.held >= BULK_INSERTS) this.table.withIndexesBuiltAfter(() => this.writeRows());
    else this.writeRows();
    const moves = this.batch.countMoves(this.table.countries(this.batch.countriesNeeded()));
    this.table.workload.apply(moves.workload);
    this.table.dashboard.apply(moves.dashboard);
    this.table.totals.apply(moves.totals);
  }

  private writeRows(): void {
    const { intoEmpty } = this.batch;
    for (const { stored, current, opened } of this.batch.changed()) {
      if (stored === null) this.table.insert(current, opened ?? []);
      else this.table.update(stored, current);
      if (!intoEmpty) this.table.followExpiry(stored, current);
    }
    // Every row is new: the schedule is the rows' licences that can still expire, in one statement.
    if (intoEmpty) this.table.scheduleAll();
  }
}

/**
 * The `cases` projection: the case list (one row per case, with its party countries), and, derived from each
 * row change in the same transaction, the officers' workload, the dashboard counts and the licence expiry
 * schedule. Reads the `LicenceApplication` category.
 *
 * Duplicate delivery: each row keeps the revision of the case's last event, and an event at or below it is
 * ignored, so a replayed event changes neither the row nor any counter.
 *
 * Counters hold no zero rows, so each equals the `GROUP BY` over the rows it stands for (a test checks it).
 */
export const casesProjection: Projection = {
  name: CASES_PROJECTION,
  categories: [LICENCE_APPLICATION_CATEGORY],
  migrations: CASES_MIGRATIONS,
  tables: CASES_TABLES,

  apply(db: Database.Database, event: RecordedEvent): void {
    const fold = new CasesFold(caseListTable(db));
    fold.add([event]);
    fold.write();
  },

  fold(db: Database.Database): ProjectionFold {
    return new CasesFold(caseListTable(db));
  },

  reset(db: Database.Database): void {
    for (const table of CASES_TABLES) db.prepare(`DELETE FROM ${table}`).run();
  },
};
