import type Database from 'better-sqlite3';
import { LICENCE_APPLICATION_CATEGORY } from '@app/domain';
import type { Projection, ProjectionFold, RecordedEvent } from '@app/infra';
import { caseListTable } from './case-list.table';
import { evolveCaseRow, openCase, type CaseRow } from './case-row';
import { CASES_MIGRATIONS, CASES_TABLES } from './cases.schema';
import { BucketDeltas } from './counters';

export const CASES_PROJECTION = 'cases';

const STREAM_PREFIX = `${LICENCE_APPLICATION_CATEGORY}-`;

/** A case the batch touched: its row as stored before the batch, and as the batch leaves it. */
interface TouchedCase {
  readonly applicationId: string;
  readonly stored: CaseRow | null;
  current: CaseRow | null;
  /** Its countries when the batch opened it (a stored case's are read only if a counter needs them). */
  opened: readonly string[] | null;
}

type Table = ReturnType<typeof caseListTable>;

/** From this many new cases on, a batch into empty tables (a rebuild) builds the indexes after the rows. */
const BULK_INSERTS = 5_000;

/**
 * A batch of the case list folded in memory: each case row is read once and written once, however many of its
 * events the batch holds, and each counter bucket is moved once, by the batch's summed deltas.
 *
 * Duplicate delivery: an event at or below the row's last revision is ignored.
 */
class CasesFold implements ProjectionFold {
  /** By stream name. */
  private readonly touched = new Map<string, TouchedCase>();
  /**
   * The case list was empty when the fold began (a rebuild, a first catch-up): no case is looked up. If another
   * process wrote rows before this fold is written, it moved the checkpoint too, and the projector drops the fold.
   */
  private readonly intoEmpty: boolean;

  constructor(private readonly table: Table) {
    this.intoEmpty = table.isEmpty();
  }

  get held(): number {
    return this.touched.size;
  }

  add(events: readonly RecordedEvent[]): void {
    if (!this.intoEmpty) this.lookUpNewCases(events);
    for (const event of events) {
      const { streamName } = event;
      let entry = this.touched.get(streamName);
      if (entry === undefined) {
        if (!this.intoEmpty || !streamName.startsWith(STREAM_PREFIX)) continue;
        entry = { applicationId: streamName.slice(STREAM_PREFIX.length), stored: null, current: null, opened: null };
        this.touched.set(streamName, entry);
      }
      if (entry.current === null) {
        const opened = openCase(entry.applicationId, event);
        if (opened !== null) {
          entry.current = opened.row;
          entry.opened = opened.countries;
        }
      } else if (Number(event.revision) > entry.current.lastRevision) {
        entry.current = evolveCaseRow(entry.current, event);
      }
    }
  }

  /** Reads the stored rows of the cases of `events` that the batch has not touched yet, together. */
  private lookUpNewCases(events: readonly RecordedEvent[]): void {
    const unknown = new Set<string>();
    for (const { streamName } of events) {
      if (streamName.startsWith(STREAM_PREFIX) && !this.touched.has(streamName)) unknown.add(streamName);
    }
    if (unknown.size === 0) return;
    const ids = [...unknown].map((streamName) => streamName.slice(STREAM_PREFIX.length));
    const stored = this.table.load(ids);
    for (const applicationId of ids) {
      const row = stored.get(applicationId) ?? null;
      this.touched.set(STREAM_PREFIX + applicationId, { applicationId, stored: row, current: row, opened: null });
    }
  }

  write(): void {
    if (this.intoEmpty && this.touched.size >= BULK_INSERTS) this.table.withIndexesBuiltAfter(() => this.writeRows());
    else this.writeRows();
    const moves = this.countMoves();
    this.table.workload.apply(moves.workload);
    this.table.dashboard.apply(moves.dashboard);
    this.table.totals.apply(moves.totals);
  }

  private writeRows(): void {
    for (const { stored, current, opened } of this.touched.values()) {
      if (current === null || current === stored) continue;
      if (stored === null) this.table.insert(current, opened ?? []);
      else this.table.update(stored, current);
      if (!this.intoEmpty) this.table.followExpiry(stored, current);
    }
    // Every row is new: the schedule is the rows' licences that can still expire, in one statement.
    if (this.intoEmpty) this.table.scheduleAll();
  }

  /** The counters' moves: each touched case leaves its stored buckets and joins its current ones. */
  private countMoves() {
    const workload = new BucketDeltas();
    const dashboard = new BucketDeltas();
    const totals = new BucketDeltas();
    const workloadOf = (row: CaseRow | null) => (row?.assignee ? [[row.assignee, row.status]] : []);
    const totalsOf = (row: CaseRow | null) => (row ? [[row.status, row.reviewTrack]] : []);
    const changed = [...this.touched.values()].filter(({ stored, current }) => current !== null && current !== stored);
    // A case counts once on the dashboard in each of its countries, which never change: a stored case's are read
    // when it moves to another status or track.
    const moved = (stored: CaseRow | null, current: CaseRow) =>
      stored !== null && (stored.status !== current.status || stored.reviewTrack !== current.reviewTrack);
    const storedCountries = this.table.countries(changed.filter(({ stored, current }) => moved(stored, current!)).map(({ applicationId }) => applicationId));
    for (const { applicationId, stored, current, opened } of changed) {
      if (current === null) continue;
      workload.move(workloadOf(stored), workloadOf(current));
      totals.move(totalsOf(stored), totalsOf(current));
      if (stored !== null && !moved(stored, current)) continue;
      const countries = opened ?? storedCountries.get(applicationId) ?? [];
      const dashboardOf = (row: CaseRow | null) => (row ? countries.map((country) => [row.status, row.reviewTrack, country]) : []);
      dashboard.move(dashboardOf(stored), dashboardOf(current));
    }
    return { workload, dashboard, totals };
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
