import type Database from 'better-sqlite3';
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
  type ReevaluationRunEvent,
} from '@app/domain';
import { asDomainEvent, statementsPerConnection, type Projection, type ProjectionFold, type RecordedEvent } from '@app/infra';
import { reevaluationIdFor } from '../reevaluation-ids';
import { REEVALUATIONS_MIGRATIONS, REEVALUATIONS_TABLES } from './reevaluations.schema';

export const REEVALUATIONS_PROJECTION = 'reevaluations';

function prepare(db: Database.Database) {
  return {
    nextSeq: db.prepare<[], { seq: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM reevaluation_runs'),
    insertRun: db.prepare(
      `INSERT INTO reevaluation_runs (reevaluation_id, policy_event_id, kind, country_code, policy_version, from_status,
         to_status, citation, exceptions_removed, correction, due_on, status, recorded_at, updated_at, change_position, seq)
       VALUES (@reevaluation_id, @policy_event_id, @kind, @country_code, @policy_version, @from_status, @to_status,
         @citation, @exceptions_removed, @correction, @due_on, 'scheduled', @recorded_at, @recorded_at, @change_position, @seq)
       ON CONFLICT (reevaluation_id) DO NOTHING`,
    ),
    // A change coming into force on or before a suspension's lapse supersedes the lapse: it never happens.
    cancelLapses: db.prepare<[string, string, string]>(
      `UPDATE reevaluation_runs SET status = 'cancelled', updated_at = ?
       WHERE country_code = ? AND kind = 'suspension-lapse' AND status = 'scheduled' AND due_on >= ?`,
    ),
    // A correction's suspension whose lapse day a recorded version already reaches (a later renewal) never lapses.
    laterVersion: db.prepare<[string, string, string], { found: number }>(
      `SELECT 1 AS found FROM country_policy_versions
       WHERE country_code = ? AND effective_on > ? AND effective_on <= ? LIMIT 1`,
    ),
    cancelRun: db.prepare<[string, string]>(
      `UPDATE reevaluation_runs SET status = 'cancelled', updated_at = ? WHERE reevaluation_id = ? AND status = 'scheduled'`,
    ),
    deleteVersion: db.prepare<[string, number]>(
      'DELETE FROM country_policy_versions WHERE country_code = ? AND policy_version = ?',
    ),
    insertVersion: db.prepare<[string, number, string, string]>(
      `INSERT INTO country_policy_versions (country_code, policy_version, effective_on, reevaluation_id)
       VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    ),
    versionInForce: db.prepare<[string, string], { policy_version: number; reevaluation_id: string }>(
      `SELECT policy_version, reevaluation_id FROM country_policy_versions
       WHERE country_code = ? AND effective_on <= ? ORDER BY effective_on DESC, policy_version DESC LIMIT 1`,
    ),
    insertStale: db.prepare<[string, string, number, number, string]>(
      `INSERT INTO stale_submissions (application_id, country_code, determined_version, missed_version, reevaluation_id)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    ),
    started: db.prepare<[number, string, string, string]>(
      `UPDATE reevaluation_runs SET status = 'running', total = ?, started_at = ?, updated_at = ?
       WHERE reevaluation_id = ? AND status IN ('scheduled', 'cancelled')`,
    ),
    counts: db.prepare(
      `UPDATE reevaluation_runs SET processed = @processed, changed = @changed, revised = @revised, unchanged = @unchanged,
         flagged = @flagged,
         not_affected = @notAffected, caught_late = @caughtLate, updated_at = @at
       WHERE reevaluation_id = @reevaluationId`,
    ),
    completed: db.prepare<[number, string, string, string]>(
      `UPDATE reevaluation_runs SET status = 'completed', total = ?, completed_at = ?, updated_at = ? WHERE reevaluation_id = ?`,
    ),
    insertCase: db.prepare<[string, string, string, number]>(
      `INSERT INTO reevaluation_cases (reevaluation_id, application_id, outcome, late) VALUES (?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
    ),
    handleStale: db.prepare<[string, string]>(
      'UPDATE stale_submissions SET handled = 1 WHERE application_id = ? AND reevaluation_id = ?',
    ),
    openStale: db.prepare<[string], number>('SELECT 1 FROM stale_submissions WHERE handled = 0 AND reevaluation_id = ? LIMIT 1').pluck(),
  };
}

const statements = statementsPerConnection(prepare);

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
 * The `reevaluations` projection: the re-evaluation runs (scheduled when their change is recorded, then followed
 * through their own events), the cases each run accounted for, and the submissions made on an outdated policy
 * version. It is the process manager's durable work list: what is due, and what is still to catch.
 */
export const reevaluationsProjection: Projection = {
  name: REEVALUATIONS_PROJECTION,
  categories: [COUNTRY_POLICY_CATEGORY, REEVALUATION_CATEGORY, LICENCE_APPLICATION_CATEGORY],
  migrations: REEVALUATIONS_MIGRATIONS,
  tables: REEVALUATIONS_TABLES,

  apply(db: Database.Database, event: RecordedEvent): void {
    const fold = new ReevaluationsFold(statements(db));
    fold.add([event]);
    fold.write();
  },

  fold(db: Database.Database): ProjectionFold {
    return new ReevaluationsFold(statements(db));
  },

  reset(db: Database.Database): void {
    for (const table of REEVALUATIONS_TABLES) db.prepare(`DELETE FROM ${table}`).run();
  },
};

/**
 * A batch of this projection: it keeps, in log order, only what it writes from (most case events are not its
 * concern, and a submission is kept as the few fields it is checked by), then applies them in that order.
 */
class ReevaluationsFold implements ProjectionFold {
  private readonly kept: Array<RunEvent | Submission> = [];

  constructor(private readonly s: Statements) {}

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

  write(): void {
    // Submissions of a batch share their policy dates: the version in force is read once per country and date,
    // until a change of the register in the batch makes it stale.
    const inForce = new Map<string, InForce | null>();
    for (const item of this.kept) {
      if ('event' in item) {
        applyRunEvent(this.s, item);
        if (item.event.type === COUNTRY_STATUS_CHANGED) inForce.clear();
      } else {
        detectStale(this.s, item, inForce);
      }
    }
  }
}

function applyRunEvent(s: Statements, { event, recorded }: RunEvent): void {
  switch (event.type) {
    case COUNTRY_STATUS_CHANGED:
      return scheduleRuns(s, recorded, event.data);
    case REEVALUATION_STARTED:
      s.started.run(event.data.total, event.data.startedAt, recorded.recordedAt, event.data.reevaluationId);
      return;
    case REEVALUATION_PROGRESSED: {
      const { data } = event;
      setCounts(s, data.reevaluationId, data.counts, recorded.recordedAt);
      // Most runs catch no stale submission: then there is nothing to mark handled, case by case.
      const stale = s.openStale.get(data.reevaluationId) !== undefined;
      for (const entry of data.cases) {
        s.insertCase.run(data.reevaluationId, entry.applicationId, entry.outcome, data.late ? 1 : 0);
        if (stale) s.handleStale.run(entry.applicationId, data.reevaluationId);
      }
      return;
    }
    case REEVALUATION_COMPLETED: {
      const { data } = event;
      setCounts(s, data.reevaluationId, data, recorded.recordedAt);
      s.completed.run(data.total, data.completedAt, recorded.recordedAt, data.reevaluationId);
      return;
    }
  }
}

type Statements = ReturnType<typeof prepare>;

function scheduleRuns(s: Statements, event: RecordedEvent, change: CountryStatusChangedData): void {
  const correction = change.correction ?? null;
  const base = {
    policy_event_id: event.id,
    country_code: change.countryCode,
    policy_version: change.policyVersion,
    citation: JSON.stringify(change.citation),
    exceptions_removed: JSON.stringify(change.exceptionsRemoved ?? []),
    correction: correction === null ? 0 : 1,
    recorded_at: event.recordedAt,
    change_position: event.position,
  };
  // A correction restates the register's past: it supersedes no suspension still to lapse.
  if (correction === null) s.cancelLapses.run(event.recordedAt, change.countryCode, change.effectiveOn);
  const reevaluationId = reevaluationIdFor(event.id);
  s.insertRun.run({
    ...base,
    reevaluation_id: reevaluationId,
    kind: 'status-change',
    from_status: change.from,
    to_status: change.to,
    due_on: change.effectiveOn,
    seq: s.nextSeq.get()!.seq,
  });
  if (change.suspendedUntil !== null && change.statusAfterSuspension !== null) {
    const lapseId = reevaluationIdFor(event.id, 'suspension-lapse');
    const lapseOn = addDays(change.suspendedUntil, 1);
    s.insertRun.run({
      ...base,
      reevaluation_id: lapseId,
      kind: 'suspension-lapse',
      from_status: change.to,
      to_status: change.statusAfterSuspension,
      due_on: lapseOn,
      seq: s.nextSeq.get()!.seq,
    });
    // A correction of a past suspension (Cyprus FY2025) is recorded after the renewal that superseded its lapse.
    if (correction !== null && s.laterVersion.get(change.countryCode, change.effectiveOn, lapseOn) !== undefined) {
      s.cancelRun.run(event.recordedAt, lapseId);
    }
  }
  // The versions that state the law, as the register folds them (effectiveEntries): a superseded version gives way to
  // its correction, and a withdrawal leaves the version before it in force.
  if (correction?.supersedes != null) s.deleteVersion.run(change.countryCode, correction.supersedes);
  if (correction?.withdraws !== true) {
    s.insertVersion.run(change.countryCode, change.policyVersion, change.effectiveOn, reevaluationId);
  }
}

function setCounts(s: Statements, reevaluationId: string, counts: ReevaluationCounts, at: string): void {
  s.counts.run({ ...pickCounts(counts), reevaluationId, at });
}

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

type InForce = { policy_version: number; reevaluation_id: string };

/**
 * A submission whose determination for a country used an older version than the one in force on its policy date
 * (in log order, the change was recorded first) was decided on a stale register: the run of the version it missed
 * must catch it (docs/product.md §2).
 */
function detectStale(s: Statements, submission: Submission, inForce: Map<string, InForce | null>): void {
  for (const determination of submission.determinations) {
    const key = `${determination.country}\u0000${submission.policyDate}`;
    let version = inForce.get(key);
    if (version === undefined) {
      version = s.versionInForce.get(determination.country, submission.policyDate) ?? null;
      inForce.set(key, version);
    }
    if (version !== null && version.policy_version > determination.policyVersion) {
      s.insertStale.run(
        submission.applicationId,
        determination.country,
        determination.policyVersion,
        version.policy_version,
        version.reevaluation_id,
      );
      return;
    }
  }
}
