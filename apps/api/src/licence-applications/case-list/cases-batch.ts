import { LICENCE_APPLICATION_CATEGORY } from '@app/domain';
import type { RecordedEvent } from '@app/infra';
import { evolveCaseRow, openCase, type CaseRow } from './case-row';
import type { CaseListRecord } from './cases.schema';
import { BucketDeltas } from './counters';

const STREAM_PREFIX = `${LICENCE_APPLICATION_CATEGORY}-`;

/** Statuses in which a licence can still expire: the rows of `licence_expiry`. */
export const EXPIRING_STATUSES: ReadonlySet<string> = new Set(['approved', 'suspended']);

/** A case the batch touched: its row as stored before the batch, and as the batch leaves it. */
export interface TouchedCase {
  readonly applicationId: string;
  readonly stored: CaseRow | null;
  current: CaseRow | null;
  /** Its countries when the batch opened it (a stored case's are read only if a counter needs them). */
  opened: readonly string[] | null;
}

/** A touched case whose row the batch changed: inserted (`stored` null) or updated. */
export type ChangedCase = TouchedCase & { readonly current: CaseRow };

/** The counters' moves of a batch, each summed per bucket. */
export interface CounterMoves {
  readonly workload: BucketDeltas;
  readonly dashboard: BucketDeltas;
  readonly totals: BucketDeltas;
}

/**
 * The case list's batch in memory, whichever database holds the rows: each case row is read once and written
 * once, however many of its events the batch holds, and each counter bucket is moved once, by the batch's summed
 * deltas. The database's fold only loads the stored rows this asks for, and writes what it answers.
 *
 * Duplicate delivery: an event at or below the row's last revision is ignored.
 */
export class CasesBatch {
  /** By stream name. */
  private readonly touched = new Map<string, TouchedCase>();

  /**
   * `intoEmpty`: the case list was empty when the fold began (a rebuild, a first catch-up), so no case is looked up.
   * If another process wrote rows before this fold is written, it moved the checkpoint too, and the projector drops it.
   */
  constructor(readonly intoEmpty: boolean) {}

  get held(): number {
    return this.touched.size;
  }

  /** The ids of the cases of `events` whose stored rows must be loaded before `add`: none into an empty list. */
  unknownCases(events: readonly RecordedEvent[]): string[] {
    if (this.intoEmpty) return [];
    const unknown = new Set<string>();
    for (const { streamName } of events) {
      if (streamName.startsWith(STREAM_PREFIX) && !this.touched.has(streamName)) unknown.add(streamName);
    }
    return [...unknown].map((streamName) => streamName.slice(STREAM_PREFIX.length));
  }

  /** The stored rows of `applicationIds` (those of `unknownCases`), by id; a case not stored is absent. */
  loaded(applicationIds: readonly string[], stored: ReadonlyMap<string, CaseRow>): void {
    for (const applicationId of applicationIds) {
      const row = stored.get(applicationId) ?? null;
      this.touched.set(STREAM_PREFIX + applicationId, { applicationId, stored: row, current: row, opened: null });
    }
  }

  /** Folds events whose cases are loaded (see `unknownCases`), in log order. */
  add(events: readonly RecordedEvent[]): void {
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

  /** The cases whose rows the batch changed, in the order the batch first touched them. */
  *changed(): Generator<ChangedCase> {
    for (const entry of this.touched.values()) if (entry.current !== null && entry.current !== entry.stored) yield entry as ChangedCase;
  }

  /**
   * The stored cases whose dashboard buckets move (another status or track): their countries must be read for
   * `countMoves`. A case counts once on the dashboard in each of its countries, which never change.
   */
  countriesNeeded(): string[] {
    return [...this.changed()].filter(({ stored, current }) => movesOnDashboard(stored, current)).map(({ applicationId }) => applicationId);
  }

  /** The counters' moves: each changed case leaves its stored buckets and joins its current ones. */
  countMoves(storedCountries: ReadonlyMap<string, readonly string[]>): CounterMoves {
    const workload = new BucketDeltas();
    const dashboard = new BucketDeltas();
    const totals = new BucketDeltas();
    const workloadOf = (row: CaseRow | null) => (row?.assignee ? [[row.assignee, row.status]] : []);
    const totalsOf = (row: CaseRow | null) => (row ? [[row.status, row.reviewTrack]] : []);
    for (const { applicationId, stored, current, opened } of this.changed()) {
      workload.move(workloadOf(stored), workloadOf(current));
      totals.move(totalsOf(stored), totalsOf(current));
      if (stored !== null && !movesOnDashboard(stored, current)) continue;
      const countries = opened ?? storedCountries.get(applicationId) ?? [];
      const dashboardOf = (row: CaseRow | null) => (row ? countries.map((country) => [row.status, row.reviewTrack, country]) : []);
      dashboard.move(dashboardOf(stored), dashboardOf(current));
    }
    return { workload, dashboard, totals };
  }
}

function movesOnDashboard(stored: CaseRow | null, current: CaseRow): boolean {
  return stored !== null && (stored.status !== current.status || stored.reviewTrack !== current.reviewTrack);
}

/** A case's line of the expiry schedule: there while its licence can still expire. */
export function expiryOf(row: CaseRow): { validUntil: string; status: string } | null {
  return EXPIRING_STATUSES.has(row.status) && row.validUntil !== null ? { validUntil: row.validUntil, status: row.status } : null;
}

/** How a row change moves the case's line of the schedule: written again, removed, or left as it is. */
export function expiryMove(before: CaseRow | null, after: CaseRow): { schedule: { validUntil: string; status: string } } | 'unschedule' | null {
  const due = expiryOf(after);
  if (due !== null) {
    const was = before === null ? null : expiryOf(before);
    return was === null || was.validUntil !== due.validUntil || was.status !== due.status ? { schedule: due } : null;
  }
  return before !== null && expiryOf(before) !== null ? 'unschedule' : null;
}

/** A stored `case_list` row as the fold holds it (both databases answer the same record). */
export function caseRowOf(record: CaseListRecord): CaseRow {
  return {
    applicationId: record.application_id,
    status: record.status,
    reviewTrack: record.review_track,
    assignee: record.assignee,
    licenceType: record.licence_type,
    applicantName: record.applicant_name,
    valueUsd: record.value_usd,
    submittedAt: record.submitted_at,
    lastChangedAt: record.last_changed_at,
    validUntil: record.valid_until,
    flaggedForReview: record.flagged_for_review === 1,
    lastRevision: record.last_revision,
    lastPosition: record.last_position,
  };
}
