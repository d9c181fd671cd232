import {
  aCase,
  aLicenceSuspension,
  anExpiry,
  APPLICATION_ID,
  aRevocation,
  CaseHistory,
  givenCase,
  historyIn,
  LIFECYCLE_AT,
  statusesExcept,
  SUPERVISOR,
} from '../testing/domain-builders';
import type { LicenceApplication } from './licence-application.aggregate';
import { LICENCE_EXPIRED, LICENCE_REVOKED, LICENCE_SUSPENDED } from './licence-application.events';

/** A DSP-5 approved on 2025-11-24, valid until 2029-11-24. */
const approved = () => aCase().assigned().approved();

/** The cases whose licence is still live, with when it was suspended (null if it never was). */
const LIVE_LICENCES: [string, CaseHistory, string | null][] = [
  ['an approved', approved(), null],
  ['a suspended', approved().suspended(), LIFECYCLE_AT.suspended],
];

const ISSUED = {
  validFrom: '2025-11-24',
  validUntil: '2029-11-24',
  validityBasis: 'Four-year licence validity (58 FR 39280, 1993)',
  validityUnconfirmed: true,
};

describe('LicenceApplication.suspend', () => {
  it('suspends an approved licence under 22 CFR 126.7, recording the reason and the authority', () => {
    const application = givenCase(approved())
      .when((a) => a.suspend(aLicenceSuspension()))
      .then([
        {
          type: LICENCE_SUSPENDED,
          data: {
            applicationId: APPLICATION_ID,
            reason: 'Suspected diversion under investigation',
            suspendedAt: LIFECYCLE_AT.suspended,
            suspendedBy: SUPERVISOR,
            authority: '22 CFR 126.7',
          },
        },
      ]);
    expect(application.state).toMatchObject({
      status: 'suspended',
      licence: { ...ISSUED, suspendedAt: LIFECYCLE_AT.suspended, revokedAt: null, expiredOn: null },
      lastChangedAt: LIFECYCLE_AT.suspended,
    });
    // The decision that issued the licence is unchanged.
    expect(application.state?.decision?.outcome).toBe('approved');
  });

  it.each(statusesExcept('approved'))(
    'refuses to suspend when the case is %s (LICENCE_NOT_ACTIVE)',
    (status) => {
      givenCase(historyIn(status)).when((a) => a.suspend(aLicenceSuspension())).thenThrows('LICENCE_NOT_ACTIVE');
    },
  );
});

describe('LicenceApplication.revoke', () => {
  it.each(LIVE_LICENCES)('revokes %s licence under 22 CFR 126.7', (_label, history, suspendedAt) => {
    const application = givenCase(history)
      .when((a) => a.revoke(aRevocation()))
      .then([
        {
          type: LICENCE_REVOKED,
          data: {
            applicationId: APPLICATION_ID,
            reason: 'Diversion confirmed',
            revokedAt: LIFECYCLE_AT.revoked,
            revokedBy: SUPERVISOR,
            authority: '22 CFR 126.7',
          },
        },
      ]);
    expect(application.state).toMatchObject({
      status: 'revoked',
      licence: { ...ISSUED, suspendedAt, revokedAt: LIFECYCLE_AT.revoked, expiredOn: null },
      lastChangedAt: LIFECYCLE_AT.revoked,
    });
  });

  it.each(statusesExcept('approved', 'suspended'))(
    'refuses to revoke when the case is %s (LICENCE_NOT_ACTIVE)',
    (status) => {
      givenCase(historyIn(status)).when((a) => a.revoke(aRevocation())).thenThrows('LICENCE_NOT_ACTIVE');
    },
  );
});

describe('LicenceApplication.expire', () => {
  it.each(LIVE_LICENCES)('expires %s licence the day after its last valid day', (_label, history, suspendedAt) => {
    const application = givenCase(history)
      .when((a) => a.expire(anExpiry()))
      .then([
        {
          type: LICENCE_EXPIRED,
          data: {
            applicationId: APPLICATION_ID,
            validUntil: '2029-11-24',
            expiredOn: '2029-11-25',
            expiredAt: LIFECYCLE_AT.expired,
            expiredBy: 'licence-expiry-scheduler',
          },
        },
      ]);
    expect(application.state).toMatchObject({
      status: 'expired',
      licence: { ...ISSUED, suspendedAt, revokedAt: null, expiredOn: '2029-11-25' },
      lastChangedAt: LIFECYCLE_AT.expired,
    });
  });

  it('records expiredOn as validUntil + 1 day even when the expiry is recorded later', () => {
    givenCase(approved())
      .when((a) => a.expire(anExpiry({ today: '2030-02-01', at: '2030-02-01T00:05:00.000Z' })))
      .then([expect.objectContaining({ data: expect.objectContaining({ expiredOn: '2029-11-25' }) })]);
  });

  it('rolls expiredOn over a year end', () => {
    givenCase(aCase().assigned().approved({ validUntil: '2026-12-31' }))
      .when((a) => a.expire(anExpiry({ today: '2027-01-01' })))
      .then([expect.objectContaining({ data: expect.objectContaining({ validUntil: '2026-12-31', expiredOn: '2027-01-01' }) })]);
  });

  it.each([
    ['on its last valid day', '2029-11-24'],
    ['the day before', '2029-11-23'],
    ['the day it was approved', '2025-11-24'],
  ])('refuses to expire a licence %s (LICENCE_NOT_YET_EXPIRED)', (_label, today) => {
    givenCase(approved()).when((a) => a.expire(anExpiry({ today }))).thenThrows('LICENCE_NOT_YET_EXPIRED');
  });

  it.each(statusesExcept('approved', 'suspended'))(
    'refuses to expire when the case is %s (LICENCE_NOT_ACTIVE)',
    (status) => {
      givenCase(historyIn(status)).when((a) => a.expire(anExpiry())).thenThrows('LICENCE_NOT_ACTIVE');
    },
  );
});

describe('an invalid licence action (INVALID_CASE_COMMAND)', () => {
  it.each<[string, (a: LicenceApplication) => void, string[]]>([
    ['a suspension without a reason', (a) => a.suspend(aLicenceSuspension({ reason: ' ' })), ['reason']],
    ['a revocation without a reason', (a) => a.revoke(aRevocation({ reason: '' })), ['reason']],
    ['an expiry whose today is no date', (a) => a.expire(anExpiry({ today: '2029-11-25T00:00:00Z' })), ['today']],
    ['an expiry on 29 February of a common year', (a) => a.expire(anExpiry({ today: '2030-02-29' })), ['today']],
    ['an expiry without an actor', (a) => a.expire(anExpiry({ by: '' })), ['by']],
  ])('%s is refused on exactly the offending field', (_label, act, fields) => {
    const error = givenCase(approved()).when(act).thenThrows('INVALID_CASE_COMMAND', fields);
    expect(error.errors.map((e) => e.field)).toEqual(fields);
  });

  it('refuses an invalid command before the licence state is looked at', () => {
    givenCase(aCase()).when((a) => a.suspend(aLicenceSuspension({ reason: '' }))).thenThrows('INVALID_CASE_COMMAND', ['reason']);
  });
});
