import {
  aCase,
  aCitation,
  anEndUser,
  aReevaluation,
  aStatusChange,
  CaseHistory,
  historyIn,
  OTHER_OFFICER,
  OTHER_REEVALUATION_ID,
  reevaluated,
  registerAfter,
  snapshotOn,
  triggerOf,
} from '../testing/domain-builders';
import { LICENCE_APPLICATION_SUBMITTED } from './licence-application.events';
import { caseSummaryOf } from './licence-application.state';
import { evolveCaseSummary, openCaseSummary, type CaseLifecycleEvent, type CaseSummary } from './licence-application.summary';
import { CASE_STATUSES } from './licence-application.types';

/** The summary folded from the case's events alone, as a read model folds them. */
function summaryFromEvents(history: CaseHistory): CaseSummary {
  const [submitted, ...lifecycle] = history.events;
  if (submitted?.type !== LICENCE_APPLICATION_SUBMITTED) throw new Error('a case starts with its submission');
  return (lifecycle as CaseLifecycleEvent[]).reduce(evolveCaseSummary, openCaseSummary(submitted));
}

/** A hypothetical re-listing of Cambodia in Table 2 ¶(o) on 2026-06-01: a tightening for a licence issued after the removal. */
const RELISTED_ON = '2026-06-01';
const relisting = registerAfter(
  aStatusChange({ effectiveOn: RELISTED_ON, citation: aCitation({ publishedOn: RELISTED_ON }), reason: 'Cambodia re-added to Table 2' }),
);
const relistingRun = aReevaluation({
  reevaluationId: OTHER_REEVALUATION_ID,
  trigger: triggerOf(relisting.recorded[0]!, '3f6b8a1e-2c4d-4e5f-9a0b-1c2d3e4f5a60'),
  policy: snapshotOn(RELISTED_ON, relisting.register),
  at: '2026-06-01T06:00:00.000Z',
});
const flaggedKhLicence = () => reevaluated(aCase({ parties: [anEndUser('KH', 'Royal Cambodian Armed Forces')] }).assigned().approved(), relistingRun);

describe('the case summary (what the case list shows of a case)', () => {
  it.each(CASE_STATUSES)('is the aggregate’s own status, track, assignee, flag and validity for a case left %s', (status) => {
    const history = historyIn(status);
    expect(summaryFromEvents(history)).toEqual(caseSummaryOf(history.state!));
    expect(summaryFromEvents(history).status).toBe(status);
  });

  it('opens a case submitted, unassigned, unflagged, on the track of its determinations', () => {
    expect(summaryFromEvents(aCase())).toEqual({
      status: 'submitted',
      reviewTrack: 'case-by-case',
      assignee: null,
      flaggedForReview: false,
      validUntil: null,
    });
  });

  it('keeps a referred case referred when it is re-assigned, with the new officer', () => {
    const summary = summaryFromEvents(aCase().assigned().referred().assigned({ officerId: OTHER_OFFICER }));
    expect(summary).toMatchObject({ status: 'referred', assignee: OTHER_OFFICER });
  });

  it('shows the approved licence’s last valid day (four years for a DSP-5, 58 FR 39280)', () => {
    expect(summaryFromEvents(historyIn('approved'))).toMatchObject({ status: 'approved', validUntil: '2029-11-24' });
  });

  it('sets the 22 CFR 126.7 review flag on a tightening reaching a live licence', () => {
    const history = flaggedKhLicence();
    expect(summaryFromEvents(history)).toMatchObject({ status: 'approved', flaggedForReview: true });
    expect(summaryFromEvents(history)).toEqual(caseSummaryOf(history.state!));
  });

  it('clears the flag by a suspension or a revocation, the outcome of the 22 CFR 126.7 review', () => {
    expect(summaryFromEvents(flaggedKhLicence().suspended())).toMatchObject({ status: 'suspended', flaggedForReview: false });
    expect(summaryFromEvents(flaggedKhLicence().revoked())).toMatchObject({ status: 'revoked', flaggedForReview: false });
  });

  it('keeps the flag through an expiry, which is no review', () => {
    const history = flaggedKhLicence().expired();
    expect(summaryFromEvents(history)).toMatchObject({ status: 'expired', flaggedForReview: true });
    expect(summaryFromEvents(history)).toEqual(caseSummaryOf(history.state!));
  });
});
