import {
  aCase,
  APPLICATION_ID,
  aReferral,
  aReferralAnswer,
  givenCase,
  historyIn,
  LIFECYCLE_AT,
  OFFICER,
} from '../testing/domain-builders';
import { CASE_REFERRED, REFERRAL_ANSWERED } from './licence-application.events';
import type { ReferralRecommendation } from './licence-application.types';

const underReview = () => aCase().assigned();
/** Staffed to DTSA and STATE-DRL, neither has answered. */
const staffedTwice = () => underReview().referred().referred({ agency: 'STATE-DRL' });

describe('LicenceApplication.refer', () => {
  it('refers a case under review to an agency, recording CaseReferred, and opens the referral', () => {
    const application = givenCase(underReview())
      .when((a) => a.refer(aReferral()))
      .then([
        {
          type: CASE_REFERRED,
          data: { applicationId: APPLICATION_ID, agency: 'DTSA', referredAt: LIFECYCLE_AT.referred, referredBy: OFFICER },
        },
      ]);
    expect(application.state?.status).toBe('referred');
    expect(application.state?.lastChangedAt).toBe(LIFECYCLE_AT.referred);
    expect(application.state?.referrals).toEqual([
      {
        agency: 'DTSA',
        status: 'open',
        referredAt: LIFECYCLE_AT.referred,
        referredBy: OFFICER,
        recommendation: null,
        provisos: [],
        answeredAt: null,
        answeredBy: null,
      },
    ]);
  });

  it('refers an already referred case to a second agency; both referrals are open', () => {
    const application = givenCase(underReview().referred())
      .when((a) => a.refer(aReferral({ agency: 'STATE-DRL' })))
      .then([expect.objectContaining({ type: CASE_REFERRED, data: expect.objectContaining({ agency: 'STATE-DRL' }) })]);
    expect(application.state?.status).toBe('referred');
    expect(application.state?.referrals.map((r) => [r.agency, r.status])).toEqual([
      ['DTSA', 'open'],
      ['STATE-DRL', 'open'],
    ]);
  });

  it('re-refers to an agency that already answered as a new referral, keeping the earlier answer', () => {
    const application = givenCase(underReview().referred().answered())
      .when((a) => a.refer(aReferral({ at: '2025-11-21T10:00:00.000Z' })))
      .then([
        {
          type: CASE_REFERRED,
          data: { applicationId: APPLICATION_ID, agency: 'DTSA', referredAt: '2025-11-21T10:00:00.000Z', referredBy: OFFICER },
        },
      ]);
    expect(application.state?.status).toBe('referred');
    expect(application.state?.referrals.map((r) => [r.agency, r.status, r.recommendation])).toEqual([
      ['DTSA', 'answered', 'approve'],
      ['DTSA', 'open', null],
    ]);
  });

  it('refuses to refer a case never assigned (CASE_NOT_ASSIGNED)', () => {
    givenCase(aCase()).when((a) => a.refer(aReferral())).thenThrows('CASE_NOT_ASSIGNED');
  });

  it('refuses a second referral to an agency whose referral is open (REFERRAL_ALREADY_OPEN)', () => {
    givenCase(staffedTwice())
      .when((a) => a.refer(aReferral({ agency: 'STATE-DRL' })))
      .thenThrows('REFERRAL_ALREADY_OPEN');
  });
});

describe('LicenceApplication.answerReferral', () => {
  it('records the answer with the agencies still outstanding, sorted, and the case stays referred', () => {
    const history = underReview().referred({ agency: 'STATE-DRL' }).referred({ agency: 'DOD-ARMY' }).referred();
    const application = givenCase(history)
      .when((a) => a.answerReferral(aReferralAnswer({ recommendation: 'approve-with-provisos', provisos: ['No re-export to third countries'] })))
      .then([
        {
          type: REFERRAL_ANSWERED,
          data: {
            applicationId: APPLICATION_ID,
            agency: 'DTSA',
            recommendation: 'approve-with-provisos',
            provisos: ['No re-export to third countries'],
            answeredAt: LIFECYCLE_AT.answered,
            answeredBy: OFFICER,
            outstandingReferrals: ['DOD-ARMY', 'STATE-DRL'],
          },
        },
      ]);
    expect(application.state?.status).toBe('referred');
    expect(application.state?.referrals.find((r) => r.agency === 'DTSA')).toEqual({
      agency: 'DTSA',
      status: 'answered',
      referredAt: LIFECYCLE_AT.referred,
      referredBy: OFFICER,
      recommendation: 'approve-with-provisos',
      provisos: ['No re-export to third countries'],
      answeredAt: LIFECYCLE_AT.answered,
      answeredBy: OFFICER,
    });
  });

  it('puts the case back under review when the last open referral is answered', () => {
    const application = givenCase(underReview().referred())
      .when((a) => a.answerReferral(aReferralAnswer({ recommendation: 'deny' })))
      .then([
        {
          type: REFERRAL_ANSWERED,
          data: {
            applicationId: APPLICATION_ID,
            agency: 'DTSA',
            recommendation: 'deny',
            provisos: [],
            answeredAt: LIFECYCLE_AT.answered,
            answeredBy: OFFICER,
            outstandingReferrals: [],
          },
        },
      ]);
    expect(application.state?.status).toBe('under-review');
    expect(application.state?.lastChangedAt).toBe(LIFECYCLE_AT.answered);
  });

  it('answers only the open referral of a re-referred agency', () => {
    const history = underReview().referred().answered().referred({ at: '2025-11-21T10:00:00.000Z' });
    const application = givenCase(history)
      .when((a) => a.answerReferral(aReferralAnswer({ recommendation: 'deny', at: '2025-11-22T10:00:00.000Z' })))
      .then([expect.objectContaining({ type: REFERRAL_ANSWERED })]);
    expect(application.state?.referrals.map((r) => [r.status, r.recommendation, r.answeredAt])).toEqual([
      ['answered', 'approve', LIFECYCLE_AT.answered],
      ['answered', 'deny', '2025-11-22T10:00:00.000Z'],
    ]);
  });

  it('refuses an answer from an agency the case was never referred to (REFERRAL_NOT_FOUND)', () => {
    givenCase(staffedTwice())
      .when((a) => a.answerReferral(aReferralAnswer({ agency: 'DOD-NAVY' })))
      .thenThrows('REFERRAL_NOT_FOUND');
  });

  it('refuses an answer on a case that was never referred at all (REFERRAL_NOT_FOUND)', () => {
    givenCase(underReview()).when((a) => a.answerReferral(aReferralAnswer())).thenThrows('REFERRAL_NOT_FOUND');
  });

  it('refuses a second answer from an agency whose referrals are all answered (REFERRAL_ALREADY_ANSWERED)', () => {
    givenCase(staffedTwice().answered())
      .when((a) => a.answerReferral(aReferralAnswer()))
      .thenThrows('REFERRAL_ALREADY_ANSWERED');
  });

  it('refuses REFERRAL_ALREADY_ANSWERED also once the case is back under review', () => {
    givenCase(underReview().referred().answered())
      .when((a) => a.answerReferral(aReferralAnswer()))
      .thenThrows('REFERRAL_ALREADY_ANSWERED');
  });
});

describe('an invalid referral or answer (INVALID_CASE_COMMAND)', () => {
  it.each([
    ['an empty agency', ''],
    ['a blank agency', '  '],
    ['a lower-case agency', 'dtsa'],
    ['a one-letter agency', 'D'],
    ['an agency starting with a digit', '1DTSA'],
    ['an agency with an underscore', 'DOD_DTSA'],
    ['an agency with a space', 'DOD DTSA'],
    ['an agency of 33 characters', `D${'X'.repeat(32)}`],
  ])('a referral with %s is refused on agency', (_label, agency) => {
    givenCase(underReview())
      .when((a) => a.refer(aReferral({ agency })))
      .thenThrows('INVALID_CASE_COMMAND', ['agency']);
  });

  it.each(['DTSA', 'DOD-DTSA', 'STATE-DRL', 'NSA', `D${'X'.repeat(31)}`])('accepts the agency code %s', (agency) => {
    givenCase(underReview())
      .when((a) => a.refer(aReferral({ agency })))
      .then([expect.objectContaining({ type: CASE_REFERRED })]);
  });

  const invalid = <T>(value: unknown) => value as T;

  it.each<[string, Parameters<typeof aReferralAnswer>[0], string[]]>([
    ['an unknown recommendation', { recommendation: invalid<ReferralRecommendation>('abstain') }, ['recommendation']],
    ['approve-with-provisos and no proviso', { recommendation: 'approve-with-provisos', provisos: [] }, ['provisos']],
    ['approve with a proviso', { recommendation: 'approve', provisos: ['Return after the trade show'] }, ['provisos']],
    ['deny with a proviso', { recommendation: 'deny', provisos: ['Return after the trade show'] }, ['provisos']],
    ['a blank proviso', { recommendation: 'approve-with-provisos', provisos: ['No re-export', ' '] }, ['provisos[1]']],
    ['a lower-case agency', { agency: 'dtsa' }, ['agency']],
    ['no actor', { by: '' }, ['by']],
  ])('an answer with %s is refused on exactly the offending field', (_label, overrides, fields) => {
    const error = givenCase(underReview().referred())
      .when((a) => a.answerReferral(aReferralAnswer(overrides)))
      .thenThrows('INVALID_CASE_COMMAND', fields);
    expect(error.errors.map((e) => e.field)).toEqual(fields);
  });

  it('refuses an invalid answer before looking for the referral', () => {
    givenCase(historyIn('submitted'))
      .when((a) => a.answerReferral(aReferralAnswer({ recommendation: 'approve-with-provisos' })))
      .thenThrows('INVALID_CASE_COMMAND', ['provisos']);
  });
});
