import type { SpecifiedEvent } from '@app/infra/projections/testing';
import { reevaluationIdFor } from '../../reevaluation-ids';
import { change, correctionOf, cyprusSuspension, runEvents, runStarted, submission } from './reevaluation-log';

/**
 * A log that takes the `reevaluations` projection through every path of its fold: changes of three countries with
 * suspensions whose lapses are cancelled or not, corrections (superseding, withdrawing, restating a past
 * suspension), a narrowing, runs started, progressed, completed and catching late, and submissions on stale versions.
 */
export function exampleLog() {
  const listedKH = change('KH', { policyVersion: 1, from: 'not-listed', to: 'denial-with-exceptions', effectiveOn: '2021-12-09' });
  const removedKH = change('KH', { policyVersion: 2, from: 'denial-with-exceptions', to: 'not-listed', effectiveOn: '2025-11-07' });
  const futureKH = change('KH', { policyVersion: 3, from: 'not-listed', to: 'denial', effectiveOn: '2030-01-01' });
  const fy2023 = cyprusSuspension(1, 'denial-with-exceptions', '2022-10-01', '2023-09-30');
  // In force on fy2023's lapse day: it cancels that lapse.
  const fy2024 = cyprusSuspension(2, 'not-listed', '2023-10-01', '2024-09-30');
  const laterCY = change('CY', { policyVersion: 3, from: 'denial-with-exceptions', to: 'denial', effectiveOn: '2024-10-02' });
  // A past suspension restated: fy2024 already came into force before its lapse day, so the lapse never happens.
  const restatedCY = change('CY', {
    policyVersion: 4,
    from: 'denial-with-exceptions',
    to: 'not-listed',
    effectiveOn: '2023-06-01',
    suspendedUntil: '2023-12-31',
    statusAfterSuspension: 'denial-with-exceptions',
    correction: { supersedes: 1, withdraws: false },
  });
  const listedER = change('ER', { policyVersion: 1, from: 'not-listed', to: 'denial', effectiveOn: '2008-01-01' });
  const easedER = change('ER', { policyVersion: 2, from: 'denial', to: 'denial-with-exceptions', effectiveOn: '2016-09-29' });
  const correctedER = correctionOf('ER', 3, 'denial', '2008-10-03', { supersedes: 1, withdraws: false });
  const withdrawnER = correctionOf('ER', 4, 'denial-with-exceptions', '2016-09-29', { supersedes: 2, withdraws: true });
  const narrowingNI = change('NI', {
    policyVersion: 1,
    from: 'denial-with-exceptions',
    to: 'denial-with-exceptions',
    effectiveOn: '2026-01-15',
    exceptionsRemoved: ['non-lethal-humanitarian'],
  });

  const ids = ['a', 'b', 'c', 'd', '1', '2', '3', '4', '5', '6', '7'].map((n) => `00000000-0000-4000-8000-00000000000${n}`);
  const [caseA, caseB, caseC, caseD, stale, fresh, before, elsewhere, later, staleToo, staleCY] = ids as [
    string, string, string, string, string, string, string, string, string, string, string,
  ];
  const submissions = [
    submission(stale, '2025-11-10', [
      { country: 'DE', policyVersion: 0 },
      { country: 'KH', policyVersion: 1 },
    ]),
    submission(fresh, '2025-11-10', [{ country: 'KH', policyVersion: 2 }]),
    submission(before, '2025-01-01', [{ country: 'KH', policyVersion: 1 }]),
    submission(elsewhere, '2025-11-10', [{ country: 'DE', policyVersion: 0 }]),
    submission(later, '2026-06-01', [{ country: 'KH', policyVersion: 2 }]),
    submission(staleToo, '2025-12-01', [{ country: 'KH', policyVersion: 1 }]),
    submission(staleCY, '2023-11-01', [{ country: 'CY', policyVersion: 1 }]),
  ];

  const removalRun = reevaluationIdFor(removedKH.id);
  const listingRun = reevaluationIdFor(listedKH.id);
  const narrowingRun = reevaluationIdFor(narrowingNI.id);
  const lapse2023 = reevaluationIdFor(fy2023.id, 'suspension-lapse');
  const removal = runStarted(removalRun, 3)
    .batch([{ applicationId: caseA, outcome: 'changed' }, { applicationId: caseB, outcome: 'unchanged' }], { reevaluationId: removalRun })
    .batch([{ applicationId: caseC, outcome: 'not-affected' }], { reevaluationId: removalRun })
    .late([{ applicationId: stale, outcome: 'changed' }], { reevaluationId: removalRun })
    .completed({ reevaluationId: removalRun });
  const listing = runStarted(listingRun, 1).batch([{ applicationId: stale, outcome: 'unchanged' }], { reevaluationId: listingRun });
  const narrowing = runStarted(narrowingRun, 2)
    .batch([{ applicationId: caseA, outcome: 'revised' }, { applicationId: caseD, outcome: 'flagged' }], { reevaluationId: narrowingRun })
    .completed({ reevaluationId: narrowingRun });
  // A run started after its lapse was cancelled (another server had it due first).
  const lapsed = runStarted(lapse2023, 0);

  const log: SpecifiedEvent[] = [
    listedKH,
    fy2023,
    listedER,
    easedER,
    removedKH,
    submissions[0]!,
    submissions[1]!,
    fy2024,
    submissions[6]!,
    ...runEvents(lapsed.events),
    futureKH,
    submissions[2]!,
    submissions[3]!,
    ...runEvents(listing.events),
    laterCY,
    correctedER,
    restatedCY,
    submissions[4]!,
    ...runEvents(removal.events),
    submissions[5]!,
    withdrawnER,
    narrowingNI,
    ...runEvents(narrowing.events),
  ];
  return { log, cases: { caseA, caseB, caseC, caseD, stale, staleToo, staleCY }, runs: { removalRun, listingRun, narrowingRun, lapse2023 } };
}
