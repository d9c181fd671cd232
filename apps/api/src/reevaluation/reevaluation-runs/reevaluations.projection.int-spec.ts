import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  ExceptionCode,
  RegisterCorrection,
  Citation,
  CountryStatusChangedData,
  PolicyStatus,
  ReevaluationCompletedData,
  ReevaluationCounts,
  ReevaluationProgressedData,
  ReevaluationStartedData,
  ReevaluatedCase,
} from '@app/domain';
import { dumpProjection, InMemoryEventStore, SqliteProjector, type AppendResult } from '@app/infra';
import { decodeCaseCursor } from '../reevaluation-cursors';
import { reevaluationIdFor } from '../reevaluation-ids';
import { listRunCases, listRuns, readRun } from './reevaluation-runs.read-model';
import { reevaluationsProjection } from './reevaluations.projection';

const META = { actor: 'test', correlationId: 'corr', causationId: null, schemaVersion: 1 };
const CITATION: Citation = { frCitation: '90 FR 1', frDocument: '2025-00001', publishedOn: '2025-11-07', title: null, notes: null };
const NO_COUNTS: ReevaluationCounts = { processed: 0, changed: 0, revised: 0, unchanged: 0, flagged: 0, notAffected: 0, caughtLate: 0 };

/** Store payloads are plain records; the domain's event data interfaces carry no index signature. */
const payload = (data: object): Readonly<Record<string, unknown>> => data as Readonly<Record<string, unknown>>;

interface Recorded extends AppendResult {
  readonly id: string;
}

interface ChangeSpec {
  readonly policyVersion: number;
  readonly from: PolicyStatus;
  readonly to: PolicyStatus;
  readonly effectiveOn: string;
  readonly suspendedUntil?: string;
  readonly statusAfterSuspension?: PolicyStatus;
  readonly exceptionsRemoved?: readonly ExceptionCode[];
  readonly correction?: RegisterCorrection;
}

describe('the reevaluations projection (over the in-memory event store)', () => {
  let dir: string;
  let store: InMemoryEventStore;
  let projector: SqliteProjector;
  let tick: number;

  beforeEach(() => {
    // The projector insists on WAL, which an in-memory SQLite database cannot have: a temporary file stands in.
    dir = mkdtempSync(join(tmpdir(), 'reevaluations-projection-'));
    tick = Date.parse('2026-01-05T09:00:00.000Z');
    store = new InMemoryEventStore({ now: () => new Date((tick += 1_000)) });
    projector = SqliteProjector.open(join(dir, 'read-models.sqlite'), store, [reevaluationsProjection], { batchSize: 3 });
  });
  afterEach(async () => {
    await projector.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const db = () => projector.database;

  async function append(stream: string, type: string, data: object): Promise<Recorded> {
    const id = randomUUID();
    const result = await store.appendToStream(stream, [{ id, type, data: payload(data), metadata: META }], { expectedRevision: 'any' });
    return { ...result, id };
  }

  function recordChange(countryCode: string, spec: ChangeSpec): Promise<Recorded> {
    const data: CountryStatusChangedData = {
      countryCode,
      countryName: countryCode,
      policyVersion: spec.policyVersion,
      from: spec.from,
      to: spec.to,
      paragraph: null,
      exceptions: [],
      suspendedUntil: spec.suspendedUntil ?? null,
      statusAfterSuspension: spec.statusAfterSuspension ?? null,
      citation: CITATION,
      effectiveOn: spec.effectiveOn,
      announcedOn: null,
      reason: 'test',
      unconfirmed: [],
      exceptionsRemoved: spec.exceptionsRemoved ?? [],
      correction: spec.correction ?? null,
    };
    return append(`CountryPolicy-${countryCode}`, 'CountryStatusChanged', data);
  }

  function started(reevaluationId: string, total: number): Promise<Recorded> {
    // The projection takes the trigger from the recorded change, not from Started: the test leaves it out.
    const data: Omit<ReevaluationStartedData, 'trigger'> = {
      reevaluationId,
      total,
      policyDate: '2025-11-07',
      startedAt: '2026-01-05T10:00:00.000Z',
      startedBy: 'system:reevaluation',
    };
    return append(`Reevaluation-${reevaluationId}`, 'ReevaluationStarted', data);
  }

  function progressed(reevaluationId: string, cases: ReevaluatedCase[], counts: ReevaluationCounts, late = false): Promise<Recorded> {
    const data: ReevaluationProgressedData = {
      reevaluationId,
      late,
      cursor: late ? null : (cases.at(-1)?.applicationId ?? null),
      cases,
      counts,
      progressedAt: '2026-01-05T10:00:01.000Z',
    };
    return append(`Reevaluation-${reevaluationId}`, 'ReevaluationProgressed', data);
  }

  function completed(reevaluationId: string, total: number, counts: ReevaluationCounts): Promise<Recorded> {
    const data: ReevaluationCompletedData = {
      reevaluationId,
      total,
      ...counts,
      completedAt: '2026-01-05T10:00:02.000Z',
      completedBy: 'system:reevaluation',
    };
    return append(`Reevaluation-${reevaluationId}`, 'ReevaluationCompleted', data);
  }

  function submit(applicationId: string, policyDate: string, determinations: Array<{ country: string; policyVersion: number }>) {
    return append(`LicenceApplication-${applicationId}`, 'LicenceApplicationSubmitted', {
      applicationId,
      policyDate,
      submittedAt: `${policyDate}T12:00:00.000Z`,
      determinations: determinations.map((d) => ({ ...d, track: 'case-by-case' })),
      reviewTrack: 'case-by-case',
    });
  }

  const staleRows = () =>
    db().prepare('SELECT * FROM stale_submissions ORDER BY application_id').all() as Array<Record<string, unknown>>;

  it('schedules a run for each recorded change, due on its effective date, with its trigger', async () => {
    const change = await recordChange('KH', { policyVersion: 3, from: 'denial-with-exceptions', to: 'not-listed', effectiveOn: '2025-11-07' });
    await projector.catchUp();

    const id = reevaluationIdFor(change.id);
    expect(db().prepare('SELECT status, due_on, kind, seq, change_position FROM reevaluation_runs').all()).toEqual([
      { status: 'scheduled', due_on: '2025-11-07', kind: 'status-change', seq: 1, change_position: change.position },
    ]);
    expect(readRun(db(), id)).toEqual({
      id,
      status: 'scheduled',
      kind: 'status-change',
      trigger: {
        policyEventId: change.id,
        countryCode: 'KH',
        policyVersion: 3,
        from: 'denial-with-exceptions',
        to: 'not-listed',
        citation: CITATION,
        effectiveOn: '2025-11-07',
        exceptionsRemoved: [],
        correction: false,
      },
      scheduledFor: '2025-11-07',
      ...NO_COUNTS,
      total: 0,
      recordedAt: change.recordedAt,
      startedAt: null,
      completedAt: null,
      updatedAt: change.recordedAt,
    });
    // A UUID is case-insensitive; anything else names no run.
    expect(readRun(db(), id.toUpperCase())?.id).toBe(id);
    expect(readRun(db(), randomUUID())).toBeNull();
    expect(readRun(db(), 'not-a-uuid')).toBeNull();
    expect(db().prepare('SELECT * FROM country_policy_versions').all()).toEqual([
      { country_code: 'KH', policy_version: 3, effective_on: '2025-11-07', reevaluation_id: id },
    ]);
  });

  it('keeps the versions that state the law: a correction replaces the version it supersedes, a withdrawal adds none', async () => {
    const listed = await recordChange('ER', { policyVersion: 1, from: 'not-listed', to: 'denial', effectiveOn: '2008-01-01' });
    await recordChange('ER', { policyVersion: 2, from: 'denial', to: 'denial-with-exceptions', effectiveOn: '2016-09-29' });
    const corrected = await recordChange('ER', {
      policyVersion: 3,
      from: 'denial',
      to: 'denial',
      effectiveOn: '2008-10-03',
      correction: { supersedes: 1, withdraws: false },
    });
    const withdrawal = await recordChange('ER', {
      policyVersion: 4,
      from: 'denial-with-exceptions',
      to: 'denial-with-exceptions',
      effectiveOn: '2016-09-29',
      correction: { supersedes: 2, withdraws: true },
    });
    await projector.catchUp();
    expect(db().prepare('SELECT policy_version, effective_on FROM country_policy_versions ORDER BY policy_version').all()).toEqual([
      { policy_version: 3, effective_on: '2008-10-03' },
    ]);
    // Each correction has its run, so the pending cases whose determination it changes are revised.
    expect(readRun(db(), reevaluationIdFor(corrected.id))).toMatchObject({
      status: 'scheduled',
      scheduledFor: '2008-10-03',
      trigger: { correction: true },
    });
    expect(readRun(db(), reevaluationIdFor(withdrawal.id))).toMatchObject({ status: 'scheduled' });
    expect(readRun(db(), reevaluationIdFor(listed.id))).toMatchObject({ status: 'scheduled' });
  });

  it("does not cancel a suspension's lapse for a correction of the past, and keeps a narrowing's removed exceptions", async () => {
    const fy2026 = await recordChange('CY', {
      policyVersion: 1,
      from: 'denial-with-exceptions',
      to: 'not-listed',
      effectiveOn: '2025-10-01',
      suspendedUntil: '2026-09-30',
      statusAfterSuspension: 'denial-with-exceptions',
    });
    await recordChange('CY', {
      policyVersion: 2,
      from: 'denial-with-exceptions',
      to: 'denial-with-exceptions',
      effectiveOn: '2020-10-01',
      correction: { supersedes: null, withdraws: false },
    });
    const narrowing = await recordChange('NI', {
      policyVersion: 1,
      from: 'denial-with-exceptions',
      to: 'denial-with-exceptions',
      effectiveOn: '2026-01-15',
      exceptionsRemoved: ['non-lethal-humanitarian'],
    });
    await projector.catchUp();
    expect(readRun(db(), reevaluationIdFor(fy2026.id, 'suspension-lapse'))).toMatchObject({ status: 'scheduled' });
    expect(readRun(db(), reevaluationIdFor(narrowing.id))?.trigger.exceptionsRemoved).toEqual(['non-lethal-humanitarian']);
  });

  it("schedules a suspension's lapse the day after it ends, cancelled by a later change in force on or before it", async () => {
    const fy2023 = await recordChange('CY', {
      policyVersion: 1,
      from: 'denial-with-exceptions',
      to: 'not-listed',
      effectiveOn: '2022-10-01',
      suspendedUntil: '2023-09-30',
      statusAfterSuspension: 'denial-with-exceptions',
    });
    // Another country's change, in force before the lapse, leaves it alone.
    await recordChange('KH', { policyVersion: 1, from: 'not-listed', to: 'denial-with-exceptions', effectiveOn: '2023-01-01' });
    await projector.catchUp();

    const lapse2023 = reevaluationIdFor(fy2023.id, 'suspension-lapse');
    expect(readRun(db(), lapse2023)).toMatchObject({
      status: 'scheduled',
      kind: 'suspension-lapse',
      scheduledFor: '2023-10-01',
      trigger: { policyEventId: fy2023.id, countryCode: 'CY', policyVersion: 1, from: 'not-listed', to: 'denial-with-exceptions', effectiveOn: '2023-10-01' },
    });
    expect(readRun(db(), reevaluationIdFor(fy2023.id))).toMatchObject({ status: 'scheduled', kind: 'status-change', scheduledFor: '2022-10-01' });

    // The FY2024 renewal comes into force on the lapse day itself: the lapse never happens.
    const fy2024 = await recordChange('CY', {
      policyVersion: 2,
      from: 'not-listed',
      to: 'not-listed',
      effectiveOn: '2023-10-01',
      suspendedUntil: '2024-09-30',
      statusAfterSuspension: 'denial-with-exceptions',
    });
    await projector.catchUp();
    expect(readRun(db(), lapse2023)).toMatchObject({ status: 'cancelled', updatedAt: fy2024.recordedAt });
    const lapse2024 = reevaluationIdFor(fy2024.id, 'suspension-lapse');
    expect(readRun(db(), lapse2024)).toMatchObject({ status: 'scheduled', scheduledFor: '2024-10-01' });

    // A change in force only after the lapse day does not supersede it.
    const later = await recordChange('CY', { policyVersion: 3, from: 'denial-with-exceptions', to: 'denial', effectiveOn: '2024-10-02' });
    await projector.catchUp();
    expect(readRun(db(), lapse2024)).toMatchObject({ status: 'scheduled' });

    // Newest first, and the status filter finds the cancelled lapse.
    expect(listRuns(db(), { country: 'CY' }, 10, null).items.map((run) => [run.trigger.policyEventId, run.kind])).toEqual([
      [later.id, 'status-change'],
      [fy2024.id, 'suspension-lapse'],
      [fy2024.id, 'status-change'],
      [fy2023.id, 'suspension-lapse'],
      [fy2023.id, 'status-change'],
    ]);
    expect(listRuns(db(), { status: 'cancelled' }, 10, null).items.map((run) => run.id)).toEqual([lapse2023]);
  });

  it("follows a run through its Started, Progressed and Completed events, and keeps the account of each case", async () => {
    const change = await recordChange('KH', { policyVersion: 1, from: 'denial-with-exceptions', to: 'not-listed', effectiveOn: '2025-11-07' });
    const id = reevaluationIdFor(change.id);
    const start = await started(id, 3);
    await projector.catchUp();
    expect(readRun(db(), id)).toMatchObject({
      status: 'running',
      total: 3,
      processed: 0,
      startedAt: '2026-01-05T10:00:00.000Z',
      completedAt: null,
      updatedAt: start.recordedAt,
    });

    const [a, b, c] = ['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b', '00000000-0000-4000-8000-00000000000c'];
    await progressed(id, [{ applicationId: a, outcome: 'changed' }, { applicationId: b, outcome: 'unchanged' }], { ...NO_COUNTS, processed: 2, changed: 1, unchanged: 1 });
    const batch = await progressed(id, [{ applicationId: c, outcome: 'not-affected' }], { ...NO_COUNTS, processed: 3, changed: 1, unchanged: 1, notAffected: 1 });
    await projector.catchUp();
    expect(readRun(db(), id)).toMatchObject({ status: 'running', total: 3, processed: 3, changed: 1, unchanged: 1, notAffected: 1, updatedAt: batch.recordedAt });

    const done = await completed(id, 3, { ...NO_COUNTS, processed: 3, changed: 1, unchanged: 1, notAffected: 1 });
    await projector.catchUp();
    expect(readRun(db(), id)).toMatchObject({
      status: 'completed',
      total: 3,
      processed: 3,
      changed: 1,
      unchanged: 1,
      flagged: 0,
      notAffected: 1,
      caughtLate: 0,
      startedAt: '2026-01-05T10:00:00.000Z',
      completedAt: '2026-01-05T10:00:02.000Z',
      updatedAt: done.recordedAt,
    });
    expect(db().prepare('SELECT * FROM reevaluation_cases ORDER BY application_id').all()).toEqual([
      { reevaluation_id: id, application_id: a, outcome: 'changed', late: 0 },
      { reevaluation_id: id, application_id: b, outcome: 'unchanged', late: 0 },
      { reevaluation_id: id, application_id: c, outcome: 'not-affected', late: 0 },
    ]);

    // The cases list pages by application id, and filters by outcome.
    const first = listRunCases(db(), id, {}, 2, null)!;
    expect(first.items).toEqual([
      { applicationId: a, outcome: 'changed', late: false },
      { applicationId: b, outcome: 'unchanged', late: false },
    ]);
    expect(first.nextCursor).not.toBeNull();
    const second = listRunCases(db(), id, {}, 2, decodeCaseCursor(first.nextCursor!))!;
    expect(second).toEqual({ items: [{ applicationId: c, outcome: 'not-affected', late: false }], nextCursor: null });
    expect(listRunCases(db(), id, { outcome: 'unchanged' }, 10, null)!.items.map((item) => item.applicationId)).toEqual([b]);
    expect(listRunCases(db(), randomUUID(), {}, 10, null)).toBeNull();
  });

  it('records a submission determined on an older version than the one in force, until its run accounts for it', async () => {
    const listed = await recordChange('KH', { policyVersion: 1, from: 'not-listed', to: 'denial-with-exceptions', effectiveOn: '2021-12-09' });
    const removed = await recordChange('KH', { policyVersion: 2, from: 'denial-with-exceptions', to: 'not-listed', effectiveOn: '2025-11-07' });
    // Recorded, but not in force on the submissions' policy dates below.
    await recordChange('KH', { policyVersion: 3, from: 'not-listed', to: 'denial', effectiveOn: '2030-01-01' });
    const [stale, fresh, before, elsewhere, future] = [1, 2, 3, 4, 5].map((n) => `00000000-0000-4000-8000-00000000000${n}`) as [string, string, string, string, string];
    await submit(stale, '2025-11-10', [{ country: 'DE', policyVersion: 0 }, { country: 'KH', policyVersion: 1 }]);
    await submit(fresh, '2025-11-10', [{ country: 'KH', policyVersion: 2 }]);
    await submit(before, '2025-01-01', [{ country: 'KH', policyVersion: 1 }]);
    await submit(elsewhere, '2025-11-10', [{ country: 'DE', policyVersion: 0 }]);
    await submit(future, '2026-06-01', [{ country: 'KH', policyVersion: 2 }]);
    await projector.catchUp();

    const removalRun = reevaluationIdFor(removed.id);
    expect(staleRows()).toEqual([
      { application_id: stale, country_code: 'KH', determined_version: 1, missed_version: 2, reevaluation_id: removalRun, handled: 0 },
    ]);

    // Another run listing the case does not settle it; the run of the missed version does.
    await progressed(reevaluationIdFor(listed.id), [{ applicationId: stale, outcome: 'unchanged' }], { ...NO_COUNTS, processed: 1, unchanged: 1 });
    await projector.catchUp();
    expect(staleRows()).toMatchObject([{ application_id: stale, handled: 0 }]);

    await started(removalRun, 0);
    await progressed(removalRun, [{ applicationId: stale, outcome: 'changed' }], { ...NO_COUNTS, caughtLate: 1 }, true);
    await projector.catchUp();
    expect(staleRows()).toMatchObject([{ application_id: stale, reevaluation_id: removalRun, handled: 1 }]);
    expect(readRun(db(), removalRun)).toMatchObject({ status: 'running', caughtLate: 1, processed: 0 });
    expect(listRunCases(db(), removalRun, {}, 10, null)!.items).toEqual([{ applicationId: stale, outcome: 'changed', late: true }]);
  });

  it('gives the same rows when the log is delivered again and when it is rebuilt', async () => {
    const suspension = await recordChange('CY', {
      policyVersion: 1,
      from: 'denial-with-exceptions',
      to: 'not-listed',
      effectiveOn: '2022-10-01',
      suspendedUntil: '2023-09-30',
      statusAfterSuspension: 'denial-with-exceptions',
    });
    await recordChange('CY', { policyVersion: 2, from: 'not-listed', to: 'denial', effectiveOn: '2023-06-01' });
    const removed = await recordChange('KH', { policyVersion: 1, from: 'denial-with-exceptions', to: 'not-listed', effectiveOn: '2025-11-07' });
    const id = reevaluationIdFor(removed.id);
    await submit(randomUUID(), '2025-11-10', [{ country: 'KH', policyVersion: 0 }]);
    await started(id, 2);
    await progressed(id, [{ applicationId: randomUUID(), outcome: 'changed' }, { applicationId: randomUUID(), outcome: 'flagged' }], { ...NO_COUNTS, processed: 2, changed: 1, flagged: 1 });
    await completed(id, 2, { ...NO_COUNTS, processed: 2, changed: 1, flagged: 1 });
    await projector.catchUp();
    const live = dumpProjection(db(), reevaluationsProjection);
    expect(live.reevaluation_runs).toHaveLength(4);
    expect(readRun(db(), reevaluationIdFor(suspension.id, 'suspension-lapse'))).toMatchObject({ status: 'cancelled' });
    expect(live.reevaluation_cases).toHaveLength(2);
    expect(live.stale_submissions).toHaveLength(1);

    // A lost checkpoint: every event is delivered a second time.
    db().prepare('DELETE FROM projection_checkpoints').run();
    await projector.catchUp();
    expect(dumpProjection(db(), reevaluationsProjection)).toEqual(live);

    await projector.rebuild();
    expect(dumpProjection(db(), reevaluationsProjection)).toEqual(live);
  });
});
