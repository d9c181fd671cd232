import { Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import type {
  Citation,
  ExceptionCode,
  PolicyStatus,
  ReevaluationCounts,
  ReevaluationKind,
  ReevaluationOutcome,
  ReevaluationTrigger,
} from '@app/domain';
import { ReadModels } from '../../shared/read-models/read-models.service';
import { keysetPage } from '../../shared/http/keyset-page';
import { Problems } from '../../shared/http/problem';
import type { ReadModelQuery } from '../../shared/read-models/read-model-query';
import { encodeCaseCursor, encodeRunCursor } from '../reevaluation-cursors';
import { oneStatement, postgresRows, SqlParams, sqliteRows, type Dialect, type Statement } from '../../shared/read-models/read-model-sql';

/** A run's life in the `reevaluations` projection: `scheduled` when its change is recorded, then its own events. */
export const REEVALUATION_RUN_STATUSES = ['scheduled', 'running', 'completed', 'cancelled'] as const;
export type ReevaluationRunStatus = (typeof REEVALUATION_RUN_STATUSES)[number];

/** The policy event behind a run (its `kind` is on the run itself). */
export interface ReevaluationTriggerView {
  policyEventId: string;
  countryCode: string;
  policyVersion: number;
  from: PolicyStatus;
  to: PolicyStatus;
  citation: Citation;
  /** The day the trigger comes into force: the change's `effectiveOn`, or the day after a suspension ends. */
  effectiveOn: string;
  /** Exceptions the change removed from the country's Table 2 paragraph (a narrowing); empty otherwise. */
  exceptionsRemoved: readonly ExceptionCode[];
  /** The change corrects the register's history rather than changing the law. */
  correction: boolean;
}

/** A run with the counts its events recorded so far (all 0 until it starts). */
export interface ReevaluationRunView extends ReevaluationCounts {
  id: string;
  status: ReevaluationRunStatus;
  kind: ReevaluationKind;
  trigger: ReevaluationTriggerView;
  /** The day the run comes due (the trigger's `effectiveOn`). */
  scheduledFor: string;
  total: number;
  recordedAt: string;
  startedAt: string | null;
  completedAt: string | null;
  updatedAt: string;
}

export interface ReevaluationRunPage {
  items: ReevaluationRunView[];
  nextCursor: string | null;
}

/** One case a run accounted for, whether or not the case itself recorded anything. */
export interface ReevaluatedCaseView {
  applicationId: string;
  outcome: ReevaluationOutcome;
  /** Caught after the run's own pass: submitted concurrently with the change on the outdated policy version. */
  late: boolean;
}

export interface ReevaluatedCasePage {
  items: ReevaluatedCaseView[];
  nextCursor: string | null;
}

export interface ReevaluationRunFilters {
  readonly country?: string;
  readonly status?: ReevaluationRunStatus;
}

export interface ReevaluatedCaseFilters {
  readonly outcome?: ReevaluationOutcome;
}

interface RunRow {
  reevaluation_id: string;
  policy_event_id: string;
  kind: string;
  country_code: string;
  policy_version: number;
  from_status: string;
  to_status: string;
  citation: string;
  exceptions_removed: string;
  correction: number;
  due_on: string;
  status: string;
  total: number;
  processed: number;
  changed: number;
  revised: number;
  unchanged: number;
  flagged: number;
  not_affected: number;
  caught_late: number;
  recorded_at: string;
  started_at: string | null;
  completed_at: string | null;
  updated_at: string;
  seq: number;
}

const RUN_COLUMN_NAMES = [
  'reevaluation_id', 'policy_event_id', 'kind', 'country_code', 'policy_version', 'from_status', 'to_status', 'citation',
  'exceptions_removed', 'correction', 'due_on', 'status', 'total', 'processed', 'changed', 'revised', 'unchanged', 'flagged',
  'not_affected', 'caught_late', 'recorded_at', 'started_at', 'completed_at', 'updated_at', 'seq',
] as const;
const RUN_COLUMNS = RUN_COLUMN_NAMES.join(', ');

// Run ids are name-based UUIDs; anything else cannot name a run, so it is a 404 without a query.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 404 REEVALUATION_NOT_FOUND: no run with this id (yet: a run exists once its change is projected). */
export function reevaluationNotFound(reevaluationId: string) {
  return Problems.notFound('REEVALUATION_NOT_FOUND', `No re-evaluation run ${reevaluationId}`);
}

/** Run ids are stored lower-case; a UUID is case-insensitive. Null when `id` is not a UUID at all. */
function runKey(id: string): string | null {
  return UUID.test(id) ? id.toLowerCase() : null;
}

/** The run of `reevaluationId`, or null. */
export function runQuery(reevaluationId: string): ReadModelQuery<ReevaluationRunView | null> {
  const key = runKey(reevaluationId);
  if (key === null) return { sqlite: () => null, postgres: () => Promise.resolve(null) };
  return oneStatement<RunRow, ReevaluationRunView | null>(
    (dialect) => {
      const p = new SqlParams(dialect);
      return { sql: `SELECT ${RUN_COLUMNS} FROM reevaluation_runs WHERE reevaluation_id = ${p.add(key)}`, params: p.values };
    },
    ([row]) => (row === undefined ? null : toRun(row)),
  );
}

export function readRun(db: Database.Database, reevaluationId: string): ReevaluationRunView | null {
  return runQuery(reevaluationId).sqlite(db);
}

type Condition = readonly [sql: (placeholder: string) => string, value: string | number | null | undefined];

/** A page query's WHERE and LIMIT; `limit` asks one row more than the page, to tell whether another follows. */
function pageQuery(dialect: Dialect, limit: number, conditions: readonly Condition[]): { where: string; limit: string; params: unknown[] } {
  const p = new SqlParams(dialect);
  const applied = conditions.filter(([, value]) => value !== undefined && value !== null).map(([sql, value]) => sql(p.add(value)));
  const where = applied.length > 0 ? `WHERE ${applied.join(' AND ')}` : '';
  return { where, limit: p.add(limit + 1), params: p.values };
}

/**
 * A page of runs, newest first (`seq` descending: the order their changes were projected). Keyset pagination: the
 * cursor is the last run's `seq`, so runs scheduled while a client pages never make a page repeat or skip one.
 */
export function runsQuery(filters: ReevaluationRunFilters, limit: number, afterSeq: number | null): ReadModelQuery<ReevaluationRunPage> {
  return oneStatement<RunRow, ReevaluationRunPage>(
    (dialect) => {
      const { where, limit: limitParam, params } = pageQuery(dialect, limit, [
        [(p) => `country_code = ${p}`, filters.country],
        [(p) => `status = ${p}`, filters.status],
        [(p) => `seq < ${p}`, afterSeq],
      ]);
      return { sql: `SELECT ${RUN_COLUMNS} FROM reevaluation_runs ${where} ORDER BY seq DESC LIMIT ${limitParam}`, params };
    },
    (rows) => keysetPage(rows, limit, toRun, (last) => encodeRunCursor(last.seq)),
  );
}

export function listRuns(
  db: Database.Database,
  filters: ReevaluationRunFilters,
  limit: number,
  afterSeq: number | null,
): ReevaluationRunPage {
  return runsQuery(filters, limit, afterSeq).sqlite(db);
}

interface RunCaseRow {
  application_id: string;
  outcome: string;
  late: number;
}

/**
 * A page of the cases a run accounted for, by application id; null when there is no such run (a run with no case
 * yet answers an empty page). Both statements run in the read's one transaction: one snapshot.
 */
export function runCasesQuery(
  reevaluationId: string,
  filters: ReevaluatedCaseFilters,
  limit: number,
  afterApplicationId: string | null,
): ReadModelQuery<ReevaluatedCasePage | null> {
  const key = runKey(reevaluationId);
  if (key === null) return { sqlite: () => null, postgres: () => Promise.resolve(null) };
  const exists = (dialect: Dialect): Statement => {
    const p = new SqlParams(dialect);
    return { sql: `SELECT 1 AS found FROM reevaluation_runs WHERE reevaluation_id = ${p.add(key)}`, params: p.values };
  };
  const page = (dialect: Dialect): Statement => {
    const { where, limit: limitParam, params } = pageQuery(dialect, limit, [
      [(p) => `reevaluation_id = ${p}`, key],
      [(p) => `outcome = ${p}`, filters.outcome],
      [(p) => `application_id > ${p}`, afterApplicationId],
    ]);
    return { sql: `SELECT application_id, outcome, late FROM reevaluation_cases ${where} ORDER BY application_id LIMIT ${limitParam}`, params };
  };
  const answer = (rows: RunCaseRow[]): ReevaluatedCasePage =>
    keysetPage(
      rows,
      limit,
      (row) => ({ applicationId: row.application_id, outcome: row.outcome as ReevaluationOutcome, late: row.late === 1 }),
      (last) => encodeCaseCursor(last.application_id),
    );
  return {
    sqlite: (db) => (sqliteRows(db, exists('sqlite')).length === 0 ? null : answer(sqliteRows<RunCaseRow>(db, page('sqlite')))),
    postgres: async (db) =>
      (await postgresRows(db, exists('postgres'))).length === 0 ? null : answer(await postgresRows<RunCaseRow>(db, page('postgres'))),
  };
}

export function listRunCases(
  db: Database.Database,
  reevaluationId: string,
  filters: ReevaluatedCaseFilters,
  limit: number,
  afterApplicationId: string | null,
): ReevaluatedCasePage | null {
  return runCasesQuery(reevaluationId, filters, limit, afterApplicationId).sqlite(db);
}

/** A case's account in one run that re-evaluated it, with the run. */
export interface CaseRunView {
  reevaluationId: string;
  outcome: string;
  run: ReevaluationRunView | null;
}

type CaseRunRow = { case_run: string; case_outcome: string } & { [K in keyof RunRow]: RunRow[K] | null };

/** Every run that accounted for a case (changed, flagged, unchanged…), by run id. */
export function caseRunsQuery(applicationId: string): ReadModelQuery<CaseRunView[]> {
  return oneStatement<CaseRunRow, CaseRunView[]>(
    (dialect) => {
      const p = new SqlParams(dialect);
      const runColumns = RUN_COLUMN_NAMES.map((column) => `r.${column}`).join(', ');
      return {
        sql: `SELECT c.reevaluation_id AS case_run, c.outcome AS case_outcome, ${runColumns}
              FROM reevaluation_cases c LEFT JOIN reevaluation_runs r ON r.reevaluation_id = c.reevaluation_id
              WHERE c.application_id = ${p.add(applicationId)} ORDER BY c.reevaluation_id`,
        params: p.values,
      };
    },
    (rows) =>
      rows.map((row) => ({
        reevaluationId: row.case_run,
        outcome: row.case_outcome,
        run: row.reevaluation_id === null ? null : toRun(row as CaseRunRow & RunRow),
      })),
  );
}

/** The columns of `reevaluation_runs` that hold a run's trigger. */
export type TriggerColumns = Pick<
  RunRow,
  | 'policy_event_id'
  | 'kind'
  | 'country_code'
  | 'policy_version'
  | 'from_status'
  | 'to_status'
  | 'citation'
  | 'exceptions_removed'
  | 'correction'
  | 'due_on'
>;

/** A run's trigger as stored in its row: the day it is due is the trigger's `effectiveOn`. */
export function triggerOfRow(row: TriggerColumns): ReevaluationTrigger {
  return {
    policyEventId: row.policy_event_id,
    kind: row.kind as ReevaluationKind,
    countryCode: row.country_code,
    policyVersion: row.policy_version,
    from: row.from_status as PolicyStatus,
    to: row.to_status as PolicyStatus,
    citation: JSON.parse(row.citation) as Citation,
    effectiveOn: row.due_on,
    exceptionsRemoved: JSON.parse(row.exceptions_removed) as ExceptionCode[],
    correction: row.correction === 1,
  };
}

function toRun(row: RunRow): ReevaluationRunView {
  const { kind, exceptionsRemoved, correction, ...rest } = triggerOfRow(row);
  const trigger = { ...rest, exceptionsRemoved: exceptionsRemoved ?? [], correction: correction ?? false };
  return {
    id: row.reevaluation_id,
    status: row.status as ReevaluationRunStatus,
    kind,
    trigger,
    scheduledFor: row.due_on,
    total: row.total,
    processed: row.processed,
    changed: row.changed,
    revised: row.revised,
    unchanged: row.unchanged,
    flagged: row.flagged,
    notAffected: row.not_affected,
    caughtLate: row.caught_late,
    recordedAt: row.recorded_at,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    updatedAt: row.updated_at,
  };
}

/**
 * The re-evaluation runs as the `reevaluations` projection holds them. Each read first catches the read models up
 * (briefly: on failure it serves what is projected), so a run answered by a status change is found right after.
 */
@Injectable()
export class ReevaluationRunsReadModel {
  constructor(private readonly readModels: ReadModels) {}

  /** @throws ProblemException 404 REEVALUATION_NOT_FOUND */
  async run(reevaluationId: string): Promise<ReevaluationRunView> {
    await this.readModels.refresh();
    const run = await this.readModels.query(runQuery(reevaluationId));
    if (run === null) throw reevaluationNotFound(reevaluationId);
    return run;
  }

  async list(filters: ReevaluationRunFilters, limit: number, afterSeq: number | null): Promise<ReevaluationRunPage> {
    await this.readModels.refresh();
    return this.readModels.query(runsQuery(filters, limit, afterSeq));
  }

  /** @throws ProblemException 404 REEVALUATION_NOT_FOUND */
  async cases(
    reevaluationId: string,
    filters: ReevaluatedCaseFilters,
    limit: number,
    afterApplicationId: string | null,
  ): Promise<ReevaluatedCasePage> {
    await this.readModels.refresh();
    // One read transaction: the run's existence and its page come from the same snapshot.
    const page = await this.readModels.query(runCasesQuery(reevaluationId, filters, limit, afterApplicationId));
    if (page === null) throw reevaluationNotFound(reevaluationId);
    return page;
  }
}
