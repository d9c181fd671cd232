import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReevaluationCounts } from '@app/domain';
import { RUN_AT } from '@app/domain/testing/domain-builders';
import { dumpProjection, InMemoryEventStore, SqliteProjector } from '@app/infra';
import { projectionSpecification, type SpecifiedEvent } from '@app/infra/projections/testing';
import { decodeCaseCursor } from '../reevaluation-cursors';
import { reevaluationIdFor } from '../reevaluation-ids';
import { listRunCases, listRuns, readRun } from './reevaluation-runs.read-model';
import { reevaluationsProjection } from './reevaluations.projection';
import { change, CITATION, correctionOf, cyprusSuspension, runEvents, runStarted, submission } from './testing/reevaluation-log';

const NO_COUNTS: ReevaluationCounts = { processed: 0, changed: 0, revised: 0, unchanged: 0, flagged: 0, notAffected: 0, caughtLate: 0 };
const META = { actor: 'test', correlationId: 'corr', causationId: null, schemaVersion: 1 };

const reevaluations = () => projectionSpecification(reevaluationsProjection);

const [caseA, caseB, caseC] = ['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b', '00000000-0000-4000-8000-00000000000c'];

describe('the reevaluations projection', () => {
  describe('the runs a change schedules', () => {
    it('schedules a run for each recorded change, due on its effective date, with its trigger', () => {
      const removal = change('KH', { policyVersion: 3, from: 'denial-with-exceptions', to: 'not-listed', effectiveOn: '2025-11-07' });
      const id = reevaluationIdFor(removal.id);
      reevaluations()
        .given([])
        .when([removal])
        .then((db) => {
          expect(db.prepare('SELECT status, due_on, kind, seq, change_position FROM reevaluation_runs').all()).toEqual([
            { status: 'scheduled', due_on: '2025-11-07', kind: 'status-change', seq: 1, change_position: '1' },
          ]);
          expect(readRun(db, id)).toEqual({
            id,
            status: 'scheduled',
            kind: 'status-change',
            trigger: {
              policyEventId: removal.id,
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
            recordedAt: removal.recordedAt,
            startedAt: null,
            completedAt: null,
            updatedAt: removal.recordedAt,
          });
          // A UUID is case-insensitive; anything else names no run.
          expect(readRun(db, id.toUpperCase())?.id).toBe(id);
          expect(readRun(db, randomUUID())).toBeNull();
          expect(readRun(db, 'not-a-uuid')).toBeNull();
          expect(db.prepare('SELECT * FROM country_policy_versions').all()).toEqual([
            { country_code: 'KH', policy_version: 3, effective_on: '2025-11-07', reevaluation_id: id },
          ]);
        });
    });

    it('keeps the versions that state the law: a correction replaces the version it supersedes, a withdrawal adds none', () => {
      const listed = change('ER', { policyVersion: 1, from: 'not-listed', to: 'denial', effectiveOn: '2008-01-01' });
      const eased = change('ER', { policyVersion: 2, from: 'denial', to: 'denial-with-exceptions', effectiveOn: '2016-09-29' });
      const corrected = correctionOf('ER', 3, 'denial', '2008-10-03', { supersedes: 1, withdraws: false });
      const withdrawal = correctionOf('ER', 4, 'denial-with-exceptions', '2016-09-29', { supersedes: 2, withdraws: true });
      reevaluations()
        .given([listed, eased])
        .when([corrected, withdrawal])
        .then((db) => {
          expect(db.prepare('SELECT policy_version, effective_on FROM country_policy_versions ORDER BY policy_version').all()).toEqual([
            { policy_version: 3, effective_on: '2008-10-03' },
          ]);
          // Each correction has its run, so the pending cases whose determination it changes are revised.
          expect(readRun(db, reevaluationIdFor(corrected.id))).toMatchObject({ status: 'scheduled', scheduledFor: '2008-10-03', trigger: { correction: true } });
          expect(readRun(db, reevaluationIdFor(withdrawal.id))).toMatchObject({ status: 'scheduled' });
          expect(readRun(db, reevaluationIdFor(listed.id))).toMatchObject({ status: 'scheduled' });
        });
    });

    it("does not cancel a suspension's lapse for a correction of the past, and keeps a narrowing's removed exceptions", () => {
      const fy2026 = cyprusSuspension(1, 'denial-with-exceptions', '2025-10-01', '2026-09-30');
      const correction = correctionOf('CY', 2, 'denial-with-exceptions', '2020-10-01', { supersedes: null, withdraws: false });
      const narrowing = change('NI', {
        policyVersion: 1,
        from: 'denial-with-exceptions',
        to: 'denial-with-exceptions',
        effectiveOn: '2026-01-15',
        exceptionsRemoved: ['non-lethal-humanitarian'],
      });
      reevaluations()
        .given([fy2026])
        .when([correction, narrowing])
        .then((db) => {
          expect(readRun(db, reevaluationIdFor(fy2026.id, 'suspension-lapse'))).toMatchObject({ status: 'scheduled' });
          expect(readRun(db, reevaluationIdFor(narrowing.id))?.trigger.exceptionsRemoved).toEqual(['non-lethal-humanitarian']);
        });
    });
  });

  describe("a suspension's lapse", () => {
    const fy2023 = cyprusSuspension(1, 'denial-with-exceptions', '2022-10-01', '2023-09-30');
    // Another country's change, in force before the lapse, leaves it alone.
    const cambodia = change('KH', { policyVersion: 1, from: 'not-listed', to: 'denial-with-exceptions', effectiveOn: '2023-01-01' });
    // The FY2024 renewal comes into force on the lapse day itself.
    const fy2024 = cyprusSuspension(2, 'not-listed', '2023-10-01', '2024-09-30');
    const later = change('CY', { policyVersion: 3, from: 'denial-with-exceptions', to: 'denial', effectiveOn: '2024-10-02' });
    const lapse2023 = reevaluationIdFor(fy2023.id, 'suspension-lapse');
    const lapse2024 = reevaluationIdFor(fy2024.id, 'suspension-lapse');

    it('is scheduled the day after the suspension ends, beside the change’s own run', () => {
      reevaluations()
        .given([])
        .when([fy2023, cambodia])
        .then((db) => {
          expect(readRun(db, lapse2023)).toMatchObject({
            status: 'scheduled',
            kind: 'suspension-lapse',
            scheduledFor: '2023-10-01',
            trigger: { policyEventId: fy2023.id, countryCode: 'CY', policyVersion: 1, from: 'not-listed', to: 'denial-with-exceptions', effectiveOn: '2023-10-01' },
          });
          expect(readRun(db, reevaluationIdFor(fy2023.id))).toMatchObject({ status: 'scheduled', kind: 'status-change', scheduledFor: '2022-10-01' });
        });
    });

    it('is cancelled by a later change of the country in force on or before it: the lapse never happens', () => {
      reevaluations()
        .given([fy2023, cambodia])
        .when([fy2024])
        .then((db) => {
          expect(readRun(db, lapse2023)).toMatchObject({ status: 'cancelled', updatedAt: fy2024.recordedAt });
          expect(readRun(db, lapse2024)).toMatchObject({ status: 'scheduled', scheduledFor: '2024-10-01' });
        });
    });

    it('is not cancelled by a change in force only after the lapse day; the runs list newest first and by status', () => {
      reevaluations()
        .given([fy2023, cambodia, fy2024])
        .when([later])
        .then((db) => {
          expect(readRun(db, lapse2024)).toMatchObject({ status: 'scheduled' });
          expect(listRuns(db, { country: 'CY' }, 10, null).items.map((run) => [run.trigger.policyEventId, run.kind])).toEqual([
            [later.id, 'status-change'],
            [fy2024.id, 'suspension-lapse'],
            [fy2024.id, 'status-change'],
            [fy2023.id, 'suspension-lapse'],
            [fy2023.id, 'status-change'],
          ]);
          expect(listRuns(db, { status: 'cancelled' }, 10, null).items.map((run) => run.id)).toEqual([lapse2023]);
        });
    });
  });

  describe('a run followed through its own events', () => {
    const removal = change('KH', { policyVersion: 1, from: 'denial-with-exceptions', to: 'not-listed', effectiveOn: '2025-11-07' });
    const id = reevaluationIdFor(removal.id);
    const completed = runStarted(id, 3)
      .batch([{ applicationId: caseA, outcome: 'changed' }, { applicationId: caseB, outcome: 'unchanged' }], { reevaluationId: id })
      .batch([{ applicationId: caseC, outcome: 'not-affected' }], { reevaluationId: id, at: RUN_AT.batch2 })
      .completed({ reevaluationId: id });
    const [start, firstBatch, secondBatch, completion] = runEvents(completed.events) as [
      SpecifiedEvent & { readonly recordedAt: string },
      SpecifiedEvent,
      SpecifiedEvent & { readonly recordedAt: string },
      SpecifiedEvent & { readonly recordedAt: string },
    ];

    it('is running once started, with the total to re-evaluate', () => {
      reevaluations()
        .given([removal])
        .when([start])
        .then((db) =>
          expect(readRun(db, id)).toMatchObject({
            status: 'running',
            total: 3,
            processed: 0,
            startedAt: RUN_AT.started,
            completedAt: null,
            updatedAt: start.recordedAt,
          }),
        );
    });

    it('counts each batch as the run recorded it', () => {
      reevaluations()
        .given([removal, start])
        .when([firstBatch, secondBatch])
        .then((db) =>
          expect(readRun(db, id)).toMatchObject({
            status: 'running',
            total: 3,
            processed: 3,
            changed: 1,
            unchanged: 1,
            notAffected: 1,
            updatedAt: secondBatch.recordedAt,
          }),
        );
    });

    it('is completed with its final counts, and keeps the account of each case, paged and filtered by outcome', () => {
      reevaluations()
        .given([removal, start, firstBatch, secondBatch])
        .when([completion])
        .then((db) => {
          expect(readRun(db, id)).toMatchObject({
            status: 'completed',
            total: 3,
            processed: 3,
            changed: 1,
            unchanged: 1,
            flagged: 0,
            notAffected: 1,
            caughtLate: 0,
            startedAt: RUN_AT.started,
            completedAt: RUN_AT.completed,
            updatedAt: completion.recordedAt,
          });
          expect(db.prepare('SELECT * FROM reevaluation_cases ORDER BY application_id').all()).toEqual([
            { reevaluation_id: id, application_id: caseA, outcome: 'changed', late: 0 },
            { reevaluation_id: id, application_id: caseB, outcome: 'unchanged', late: 0 },
            { reevaluation_id: id, application_id: caseC, outcome: 'not-affected', late: 0 },
          ]);
          const first = listRunCases(db, id, {}, 2, null)!;
          expect(first.items).toEqual([
            { applicationId: caseA, outcome: 'changed', late: false },
            { applicationId: caseB, outcome: 'unchanged', late: false },
          ]);
          expect(first.nextCursor).not.toBeNull();
          const second = listRunCases(db, id, {}, 2, decodeCaseCursor(first.nextCursor!))!;
          expect(second).toEqual({ items: [{ applicationId: caseC, outcome: 'not-affected', late: false }], nextCursor: null });
          expect(listRunCases(db, id, { outcome: 'unchanged' }, 10, null)!.items.map((item) => item.applicationId)).toEqual([caseB]);
          expect(listRunCases(db, randomUUID(), {}, 10, null)).toBeNull();
        });
    });
  });

  describe('a submission made on an outdated policy version', () => {
    const listed = change('KH', { policyVersion: 1, from: 'not-listed', to: 'denial-with-exceptions', effectiveOn: '2021-12-09' });
    const removed = change('KH', { policyVersion: 2, from: 'denial-with-exceptions', to: 'not-listed', effectiveOn: '2025-11-07' });
    // Recorded, but not in force on the submissions' policy dates below.
    const future = change('KH', { policyVersion: 3, from: 'not-listed', to: 'denial', effectiveOn: '2030-01-01' });
    const [stale, fresh, before, elsewhere, later] = [1, 2, 3, 4, 5].map((n) => `00000000-0000-4000-8000-00000000000${n}`) as [
      string,
      string,
      string,
      string,
      string,
    ];
    const changes = [listed, removed, future];
    const submissions = [
      submission(stale, '2025-11-10', [
        { country: 'DE', policyVersion: 0 },
        { country: 'KH', policyVersion: 1 },
      ]),
      submission(fresh, '2025-11-10', [{ country: 'KH', policyVersion: 2 }]),
      submission(before, '2025-01-01', [{ country: 'KH', policyVersion: 1 }]),
      submission(elsewhere, '2025-11-10', [{ country: 'DE', policyVersion: 0 }]),
      submission(later, '2026-06-01', [{ country: 'KH', policyVersion: 2 }]),
    ];
    const removalRun = reevaluationIdFor(removed.id);
    const staleRow = { application_id: stale, country_code: 'KH', determined_version: 1, missed_version: 2, reevaluation_id: removalRun };

    it('is recorded against the run of the version it missed, the one in force on its policy date', () => {
      reevaluations()
        .given(changes)
        .when(submissions)
        .then({ stale_submissions: [{ ...staleRow, handled: 0 }] });
    });

    it('stays open when another run lists the case', () => {
      const listingRunId = reevaluationIdFor(listed.id);
      const listingRun = runStarted(listingRunId, 1).batch([{ applicationId: stale, outcome: 'unchanged' }], { reevaluationId: listingRunId });
      reevaluations()
        .given([...changes, ...submissions])
        .when(runEvents(listingRun.events))
        .then({ stale_submissions: [{ ...staleRow, handled: 0 }] });
    });

    it('is handled once the run of the version it missed accounts for it, late', () => {
      const caught = runStarted(removalRun, 0).late([{ applicationId: stale, outcome: 'changed' }], { reevaluationId: removalRun });
      reevaluations()
        .given([...changes, ...submissions])
        .when(runEvents(caught.events))
        .then((db) => {
          expect(db.prepare('SELECT * FROM stale_submissions').all()).toEqual([{ ...staleRow, handled: 1 }]);
          expect(readRun(db, removalRun)).toMatchObject({ status: 'running', caughtLate: 1, processed: 0 });
          expect(listRunCases(db, removalRun, {}, 10, null)!.items).toEqual([{ applicationId: stale, outcome: 'changed', late: true }]);
        });
    });
  });

  describe('the whole log delivered again or replayed', () => {
    const suspension = cyprusSuspension(1, 'denial-with-exceptions', '2022-10-01', '2023-09-30');
    const superseding = change('CY', { policyVersion: 2, from: 'not-listed', to: 'denial', effectiveOn: '2023-06-01' });
    const removed = change('KH', { policyVersion: 1, from: 'denial-with-exceptions', to: 'not-listed', effectiveOn: '2025-11-07' });
    const id = reevaluationIdFor(removed.id);
    const run = runStarted(id, 2)
      .batch([{ applicationId: caseA, outcome: 'changed' }, { applicationId: caseB, outcome: 'flagged' }], { reevaluationId: id })
      .completed({ reevaluationId: id });
    const log = [suspension, superseding, removed, submission(caseC, '2025-11-10', [{ country: 'KH', policyVersion: 0 }]), ...runEvents(run.events)];

    it('leaves the rows as they were when every event is delivered a second time', () => {
      reevaluations().given(log).when(log).thenNothingChanges();
    });

    it('gives the same rows rebuilt from the log as projected live, batch by batch', async () => {
      // The projector insists on WAL, which an in-memory SQLite database cannot have: a temporary file stands in.
      const dir = mkdtempSync(join(tmpdir(), 'reevaluations-projection-'));
      const store = new InMemoryEventStore();
      const projector = SqliteProjector.open(join(dir, 'read-models.sqlite'), store, [reevaluationsProjection], { batchSize: 3 });
      try {
        for (const { streamName, type, data, id: eventId } of log) {
          const event = { id: eventId ?? randomUUID(), type, data: data as Readonly<Record<string, unknown>>, metadata: META };
          await store.appendToStream(streamName, [event], { expectedRevision: 'any' });
        }
        await projector.catchUp();
        const live = dumpProjection(projector.database, reevaluationsProjection);
        expect(live.reevaluation_runs).toHaveLength(4);
        expect(readRun(projector.database, reevaluationIdFor(suspension.id, 'suspension-lapse'))).toMatchObject({ status: 'cancelled' });
        expect(live.reevaluation_cases).toHaveLength(2);
        expect(live.stale_submissions).toHaveLength(1);

        await projector.rebuild();
        expect(dumpProjection(projector.database, reevaluationsProjection)).toEqual(live);
      } finally {
        await projector.close();
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
