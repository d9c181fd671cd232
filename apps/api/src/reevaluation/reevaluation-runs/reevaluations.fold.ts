import {
  addDays,
  COUNTRY_POLICY_CATEGORY,
  COUNTRY_STATUS_CHANGED,
  LICENCE_APPLICATION_CATEGORY,
  LICENCE_APPLICATION_SUBMITTED,
  REEVALUATION_CATEGORY,
  REEVALUATION_COMPLETED,
  REEVALUATION_PROGRESSED,
  REEVALUATION_STARTED,
  type CountryStatusChanged,
  type CountryStatusChangedData,
  type Determination,
  type LicenceApplicationSubmitted,
  type ReevaluationCounts,
  type ReevaluationOutcome,
  type ReevaluationRunEvent,
} from '@app/domain';
import { asDomainEvent, type RecordedEvent } from '@app/infra';
import { reevaluationIdFor } from '../reevaluation-ids';
import { statementsOf, type Steps } from './statement-steps';

/*
 * The `reevaluations` projection's fold, for either database: what a batch keeps in memory, and the decisions of
 * its write (which run to schedule or cancel, which version is in force, which submission is stale), as named
 * statement calls. The SQLite and PostgreSQL projections differ only in how they answer those calls.
 */

export const REEVALUATIONS_PROJECTION = 'reevaluations';
export const REEVALUATIONS_CATEGORIES = [COUNTRY_POLICY_CATEGORY, REEVALUATION_CATEGORY, LICENCE_APPLICATION_CATEGORY];

/** A new row of `reevaluation_runs`, `scheduled`. */
export interface ScheduledRun {
  readonly reevaluation_id: string;
  readonly policy_event_id: string;
  readonly kind: 'status-change' | 'suspension-lapse';
  readonly country_code: string;
  readonly policy_version: number;
  readonly from_status: string;
  readonly to_status: string;
  readonly citation: string;
  readonly exceptions_removed: string;
  readonly correction: number;
  readonly due_on: string;
  readonly recorded_at: string;
  readonly change_position: string;
  readonly seq: number;
}

/** The version of a country's register in force on a day, with the run its change scheduled. */
export interface InForce {
  readonly policy_version: number;
  readonly reevaluation_id: string;
}

/** A submission decided on an outdated version: a row of `stale_submissions`. */
export interface StaleRow {
  readonly application_id: string;
  readonly country_code: string;
  readonly determined_version: number;
  readonly missed_version: number;
  readonly reevaluation_id: string;
}

/** One case a run accounted for. */
export interface AccountedCase {
  readonly applicationId: string;
  readonly outcome: ReevaluationOutcome;
}

/** The statements the write calls, as each database must answer them. */
export interface ReevaluationsStatements {
  /** The `seq` of the next run: one more than the largest. */
  nextSeq(): number;
  /** Inserts a scheduled run; nothing if it exists (the change delivered again). */
  insertRun(run: ScheduledRun): void;
  /** Cancels the country's scheduled suspension lapses due on or after `dueOnOrAfter`. */
  cancelLapses(at: string, countryCode: string, dueOnOrAfter: string): void;
  /** Whether a version of the country comes into force after `after` and on or before `until`. */
  hasVersionBetween(countryCode: string, after: string, until: string): boolean;
  /** Cancels a run still scheduled. */
  cancelRun(at: string, reevaluationId: string): void;
  deleteVersion(countryCode: string, policyVersion: number): void;
  /** Records a version; nothing if it is known. */
  insertVersion(countryCode: string, policyVersion: number, effectiveOn: string, reevaluationId: string): void;
  /** The version in force on `on` (latest effective date, then latest version), or null before the first. */
  versionInForce(countryCode: string, on: string): InForce | null;
  /** Records a stale submission; nothing if it is known. */
  insertStale(row: StaleRow): void;
  /** Moves a scheduled (or cancelled) run to running. */
  started(reevaluationId: string, total: number, startedAt: string, at: string): void;
  setCounts(reevaluationId: string, counts: ReevaluationCounts, at: string): void;
  completed(reevaluationId: string, total: number, completedAt: string, at: string): void;
  /** Records the cases of a batch; those already recorded are left as they are. */
  insertCases(reevaluationId: string, cases: readonly AccountedCase[], late: boolean): void;
  /** Marks the run's stale submissions of these cases handled. */
  handleStale(reevaluationId: string, applicationIds: readonly string[]): void;
  /** Whether the run has a stale submission not handled yet. */
  hasOpenStale(reevaluationId: string): boolean;
}

const statement = statementsOf<ReevaluationsStatements>();
type Write<T = void> = Steps<ReevaluationsStatements, T>;

/** The events this projection reads; every other type of its categories is not its concern. */
type ReadEvent = CountryStatusChanged | ReevaluationRunEvent | LicenceApplicationSubmitted;
const READ_TYPES: ReadonlySet<ReadEvent['type']> = new Set([
  COUNTRY_STATUS_CHANGED,
  REEVALUATION_STARTED,
  REEVALUATION_PROGRESSED,
  REEVALUATION_COMPLETED,
  LICENCE_APPLICATION_SUBMITTED,
]);

/** A run's or a change's event, with where the log recorded it. */
interface RunEvent {
  readonly event: CountryStatusChanged | ReevaluationRunEvent;
  readonly recorded: RecordedEvent;
}

/** What a submission tells this projection: the policy versions its determinations used. */
interface Submission {
  readonly applicationId: string;
  readonly policyDate: string;
  readonly determinations: ReadonlyArray<Pick<Determination, 'country' | 'policyVersion'>>;
}

/**
 * A batch of this projection: it keeps, in log order, only what it writes from (most case events are not its
 * concern, and a submission is kept as the few fields it is checked by), then writes them in that order.
 */
export class ReevaluationsBatch {
  private readonly kept: Array<RunEvent | Submission> = [];

  get held(): number {
    return this.kept.length;
  }

  add(events: readonly RecordedEvent[]): void {
    for (const recorded of events) {
      const event = asDomainEvent<ReadEvent>(recorded, READ_TYPES);
      if (event === null) continue;
      if (event.type === LICENCE_APPLICATION_SUBMITTED) this.kept.push(submissionOf(event));
      else this.kept.push({ event, recorded });
    }
  }

  *write(): Write {
    // Submissions of a batch share their policy dates: the version in force is read once per country and date,
    // until a change of the register in the batch makes it stale.
    const inForce = new Map<string, InForce | null>();
    for (const item of this.kept) {
      if ('event' in item) {
        yield* applyRunEvent(item);
        if (item.event.type === COUNTRY_STATUS_CHANGED) inForce.clear();
      } else {
        yield* detectStale(item, inForce);
      }
    }
  }
}

function* applyRunEvent({ event, recorded }: RunEvent): Write {
  switch (event.type) {
    case COUNTRY_STATUS_CHANGED:
      return yield* scheduleRuns(recorded, event.data);
    case REEVALUATION_STARTED:
      return yield* statement('started', event.data.reevaluationId, event.data.total, event.data.startedAt, recorded.recordedAt);
    case REEVALUATION_PROGRESSED: {
      const { data } = event;
      yield* statement('setCounts', data.reevaluationId, pickCounts(data.counts), recorded.recordedAt);
      const cases = data.cases.map(({ applicationId, outcome }) => ({ applicationId, outcome }));
      yield* statement('insertCases', data.reevaluationId, cases, data.late);
      // Most runs catch no stale submission: then there is nothing to mark handled.
      if (yield* statement('hasOpenStale', data.reevaluationId)) {
        yield* statement('handleStale', data.reevaluationId, cases.map((entry) => entry.applicationId));
      }
      return;
    }
    case REEVALUATION_COMPLETED: {
      const { data } = event;
      yield* statement('setCounts', data.reevaluationId, pickCounts(data), recorded.recordedAt);
      return yield* statement('completed', data.reevaluationId, data.total, data.completedAt, recorded.recordedAt);
    }
  }
}

function* scheduleRuns(event: RecordedEvent, change: CountryStatusChangedData): Write {
  const correction = change.correction ?? null;
  // A correction restates the register's past: it supersedes no suspension still to lapse.
  if (correction === null) yield* statement('cancelLapses', event.recordedAt, change.countryCode, change.effectiveOn);
  const [run, lapse] = scheduledRunsOf(event, change);
  yield* statement('insertRun', { ...run, seq: yield* statement('nextSeq') });
  if (lapse !== undefined) {
    yield* statement('insertRun', { ...lapse, seq: yield* statement('nextSeq') });
    // A correction of a past suspension (Cyprus FY2025) is recorded after the renewal that superseded its lapse.
    if (correction !== null && (yield* statement('hasVersionBetween', change.countryCode, change.effectiveOn, lapse.due_on))) {
      yield* statement('cancelRun', event.recordedAt, lapse.reevaluation_id);
    }
  }
  // The versions that state the law, as the register folds them (effectiveEntries): a superseded version gives way to
  // its correction, and a withdrawal leaves the version before it in force.
  if (correction?.supersedes != null) yield* statement('deleteVersion', change.countryCode, correction.supersedes);
  if (correction?.withdraws !== true) {
    yield* statement('insertVersion', change.countryCode, change.policyVersion, change.effectiveOn, run.reevaluation_id);
  }
}

/** The runs a change schedules (before their `seq`): its own, and the lapse of a suspension. */
function scheduledRunsOf(event: RecordedEvent, change: CountryStatusChangedData): [run: UnnumberedRun, lapse?: UnnumberedRun] {
  const base = {
    policy_event_id: event.id,
    country_code: change.countryCode,
    policy_version: change.policyVersion,
    citation: JSON.stringify(change.citation),
    exceptions_removed: JSON.stringify(change.exceptionsRemoved ?? []),
    correction: (change.correction ?? null) === null ? 0 : 1,
    recorded_at: event.recordedAt,
    change_position: event.position,
  };
  const run: UnnumberedRun = {
    ...base,
    reevaluation_id: reevaluationIdFor(event.id),
    kind: 'status-change',
    from_status: change.from,
    to_status: change.to,
    due_on: change.effectiveOn,
  };
  if (change.suspendedUntil === null || change.statusAfterSuspension === null) return [run];
  const lapse: UnnumberedRun = {
    ...base,
    reevaluation_id: reevaluationIdFor(event.id, 'suspension-lapse'),
    kind: 'suspension-lapse',
    from_status: change.to,
    to_status: change.statusAfterSuspension,
    due_on: addDays(change.suspendedUntil, 1),
  };
  return [run, lapse];
}

type UnnumberedRun = Omit<ScheduledRun, 'seq'>;

function pickCounts(counts: ReevaluationCounts): ReevaluationCounts {
  const { processed, changed, unchanged, flagged, notAffected, caughtLate } = counts;
  // Runs recorded before `revised` existed carry no such counter.
  return { processed, changed, revised: counts.revised ?? 0, unchanged, flagged, notAffected, caughtLate };
}

/** The few fields of a submission this projection checks, kept instead of the whole event. */
function submissionOf({ data }: LicenceApplicationSubmitted): Submission {
  const determinations = data.determinations.map(({ country, policyVersion }) => ({ country, policyVersion }));
  return { applicationId: data.applicationId, policyDate: data.policyDate, determinations };
}

/**
 * A submission whose determination for a country used an older version than the one in force on its policy date
 * (in log order, the change was recorded first) was decided on a stale register: the run of the version it missed
 * must catch it (docs/product.md §2).
 */
function* detectStale(submission: Submission, inForce: Map<string, InForce | null>): Write {
  for (const determination of submission.determinations) {
    const key = `${determination.country}\u0000${submission.policyDate}`;
    let version = inForce.get(key);
    if (version === undefined) {
      version = yield* statement('versionInForce', determination.country, submission.policyDate);
      inForce.set(key, version);
    }
    if (version !== null && version.policy_version > determination.policyVersion) {
      return yield* statement('insertStale', {
        application_id: submission.applicationId,
        country_code: determination.country,
        determined_version: determination.policyVersion,
        missed_version: version.policy_version,
        reevaluation_id: version.reevaluation_id,
      });
    }
  }
}
