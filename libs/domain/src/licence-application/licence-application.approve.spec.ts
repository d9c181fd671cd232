import {
  aCase,
  aLicenceApproved,
  anApproval,
  anEndUser,
  givenCase,
  LIFECYCLE_AT,
  OFFICER,
} from '../testing/domain-builders';
import type { LicenceType } from './licence-application.types';

const FOUR_YEARS = 'Four-year licence validity (58 FR 39280, 1993)';
const AGREEMENT_TERM = 'Agreement term stated in the agreement (22 CFR Part 124)';

const underReview = (licenceType: LicenceType = 'DSP-5') => aCase({ licenceType }).assigned();
/** Venezuela is a Table 1 country (22 CFR 126.1(d)(1)): its cases are on the policy-of-denial track. */
const venezuelaCase = () => aCase({ parties: [anEndUser('VE', 'Venezuelan Army')] });

describe('LicenceApplication.approve', () => {
  it('approves a DSP-5 under review for four years from the approval date, recording LicenceApproved', () => {
    const application = givenCase(underReview())
      .when((a) => a.approve(anApproval()))
      .then([aLicenceApproved()]);
    expect(application.state).toMatchObject({
      status: 'approved',
      decision: { outcome: 'approved', at: LIFECYCLE_AT.decided, by: OFFICER, reason: null, provisos: [] },
      licence: {
        validFrom: '2025-11-24',
        validUntil: '2029-11-24',
        validityBasis: FOUR_YEARS,
        validityUnconfirmed: true,
        suspendedAt: null,
        revokedAt: null,
        expiredOn: null,
      },
      lastChangedAt: LIFECYCLE_AT.decided,
    });
  });

  it('approves with provisos and a shorter term, once every referral is answered', () => {
    const provisos = ['No re-export to third countries', 'Deliveries end by 2027-06-30'];
    const application = givenCase(underReview().referred().answered({ recommendation: 'approve-with-provisos', provisos }))
      .when((a) => a.approve(anApproval({ provisos, validUntil: '2027-06-30' })))
      .then([aLicenceApproved({ provisos, validUntil: '2027-06-30' })]);
    expect(application.state?.decision?.provisos).toEqual(provisos);
    expect(application.state?.licence?.validUntil).toBe('2027-06-30');
  });

  it.each<[LicenceType]>([['DSP-61'], ['DSP-73'], ['DSP-85']])(
    'gives a %s the same four-year term, flagged unconfirmed',
    (licenceType) => {
      givenCase(underReview(licenceType))
        .when((a) => a.approve(anApproval()))
        .then([
          expect.objectContaining({
            data: expect.objectContaining({ validUntil: '2029-11-24', validityBasis: FOUR_YEARS, validityUnconfirmed: true }),
          }),
        ]);
    },
  );

  it.each<[LicenceType]>([['TAA'], ['MLA'], ['WDA']])(
    'approves a %s for the term the agreement states, however long, as a confirmed basis',
    (licenceType) => {
      givenCase(underReview(licenceType))
        .when((a) => a.approve(anApproval({ validUntil: '2045-06-30' })))
        .then([aLicenceApproved({ validUntil: '2045-06-30', validityBasis: AGREEMENT_TERM, validityUnconfirmed: false })]);
    },
  );

  it('takes the approval date in UTC when the instant carries an offset', () => {
    givenCase(underReview())
      .when((a) => a.approve(anApproval({ at: '2025-11-24T21:00:00-05:00' })))
      .then([
        expect.objectContaining({ data: expect.objectContaining({ validFrom: '2025-11-25', validUntil: '2029-11-25' }) }),
      ]);
  });
});

describe('approving a case that may not be approved', () => {
  it('refuses a case on the policy-of-denial track (POLICY_OF_DENIAL, 22 CFR 126.1)', () => {
    const error = givenCase(venezuelaCase().assigned()).when((a) => a.approve(anApproval())).thenThrows('POLICY_OF_DENIAL');
    expect(error.kind).toBe('conflict');
  });

  it('answers POLICY_OF_DENIAL before CASE_NOT_ASSIGNED on an unassigned case', () => {
    givenCase(venezuelaCase()).when((a) => a.approve(anApproval())).thenThrows('POLICY_OF_DENIAL');
  });

  it('answers POLICY_OF_DENIAL before REFERRALS_OUTSTANDING on a referred case', () => {
    givenCase(venezuelaCase().assigned().referred()).when((a) => a.approve(anApproval())).thenThrows('POLICY_OF_DENIAL');
  });

  it('answers CASE_ALREADY_DECIDED before POLICY_OF_DENIAL on a decided case', () => {
    givenCase(venezuelaCase().assigned().denied()).when((a) => a.approve(anApproval())).thenThrows('CASE_ALREADY_DECIDED');
  });

  it('refuses a case never assigned (CASE_NOT_ASSIGNED)', () => {
    givenCase(aCase()).when((a) => a.approve(anApproval())).thenThrows('CASE_NOT_ASSIGNED');
  });

  it('refuses while a referral is open (REFERRALS_OUTSTANDING), naming the agencies', () => {
    const error = givenCase(underReview().referred().referred({ agency: 'STATE-DRL' }).answered())
      .when((a) => a.approve(anApproval()))
      .thenThrows('REFERRALS_OUTSTANDING');
    expect(error.message).toContain('STATE-DRL');
    expect(error.message).not.toContain('DTSA,');
  });
});

describe('an approval with an invalid term', () => {
  it.each([
    ['the approval date itself', '2025-11-24'],
    ['a date before the approval', '2025-11-01'],
    ['one day beyond four years', '2029-11-25'],
    ['ten years out', '2035-11-24'],
  ])('refuses a DSP-5 valid until %s (INVALID_VALIDITY on validUntil)', (_label, validUntil) => {
    const error = givenCase(underReview())
      .when((a) => a.approve(anApproval({ validUntil })))
      .thenThrows('INVALID_VALIDITY', ['validUntil']);
    expect(error.kind).toBe('invalid');
  });

  it('accepts a DSP-5 valid until exactly four years after approval, and one day after approval', () => {
    for (const validUntil of ['2029-11-24', '2025-11-25']) {
      givenCase(underReview())
        .when((a) => a.approve(anApproval({ validUntil })))
        .then([expect.objectContaining({ data: expect.objectContaining({ validUntil }) })]);
    }
  });

  it.each([
    ['the approval date itself', '2025-11-24'],
    ['a date before the approval', '2024-01-01'],
  ])('refuses a TAA valid until %s (INVALID_VALIDITY)', (_label, validUntil) => {
    givenCase(underReview('TAA'))
      .when((a) => a.approve(anApproval({ validUntil })))
      .thenThrows('INVALID_VALIDITY', ['validUntil']);
  });

  it('checks the term after the transitions: a decided case answers CASE_ALREADY_DECIDED', () => {
    givenCase(underReview().denied())
      .when((a) => a.approve(anApproval({ validUntil: '2040-01-01' })))
      .thenThrows('CASE_ALREADY_DECIDED');
  });
});

describe('an invalid approval (INVALID_CASE_COMMAND)', () => {
  it.each<[string, LicenceType, Parameters<typeof anApproval>[0], string[]]>([
    ['a TAA without its term', 'TAA', {}, ['validUntil']],
    ['an MLA without its term', 'MLA', {}, ['validUntil']],
    ['a WDA without its term', 'WDA', {}, ['validUntil']],
    ['a validUntil that is no date', 'DSP-5', { validUntil: '24/11/2029' }, ['validUntil']],
    ['a validUntil on 31 April', 'DSP-5', { validUntil: '2027-04-31' }, ['validUntil']],
    ['an instant as validUntil', 'DSP-5', { validUntil: '2027-04-30T00:00:00Z' }, ['validUntil']],
    ['a blank proviso', 'DSP-5', { provisos: ['No re-export', ''] }, ['provisos[1]']],
    ['no actor', 'DSP-5', { by: '' }, ['by']],
  ])('%s is refused on exactly the offending field', (_label, licenceType, overrides, fields) => {
    const error = givenCase(underReview(licenceType))
      .when((a) => a.approve(anApproval(overrides)))
      .thenThrows('INVALID_CASE_COMMAND', fields);
    expect(error.errors.map((e) => e.field)).toEqual(fields);
  });

  it('treats a null validUntil as absent (a DSP-5 gets its default term)', () => {
    givenCase(underReview())
      .when((a) => a.approve(anApproval({ validUntil: null as unknown as undefined })))
      .then([expect.objectContaining({ data: expect.objectContaining({ validUntil: '2029-11-24' }) })]);
  });
});
