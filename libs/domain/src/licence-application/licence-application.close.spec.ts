import {
  aCase,
  aDenial,
  APPLICATION_ID,
  aReturn,
  aWithdrawal,
  givenCase,
  historyIn,
  INTAKE,
  LIFECYCLE_AT,
  OFFICER,
} from '../testing/domain-builders';
import type { LicenceApplication } from './licence-application.aggregate';
import {
  APPLICATION_RETURNED_WITHOUT_ACTION,
  APPLICATION_WITHDRAWN,
  LICENCE_DENIED,
} from './licence-application.events';
import { PENDING_STATUSES, type CaseStatus } from './licence-application.types';

/** The state of a case closed as `outcome` by `by` for `reason`, at the default decision instant. */
const closedAs = (outcome: CaseStatus, by: string, reason: string) => ({
  status: outcome,
  decision: { outcome, at: LIFECYCLE_AT.decided, by, reason, provisos: [] },
  licence: null,
  lastChangedAt: LIFECYCLE_AT.decided,
});

describe('LicenceApplication.deny', () => {
  it('denies a case under review, recording LicenceDenied with its reason, and closes it', () => {
    const application = givenCase(aCase().assigned())
      .when((a) => a.deny(aDenial()))
      .then([
        {
          type: LICENCE_DENIED,
          data: {
            applicationId: APPLICATION_ID,
            reason: 'End use inconsistent with the stated programme',
            deniedAt: LIFECYCLE_AT.decided,
            deniedBy: OFFICER,
          },
        },
      ]);
    expect(application.state).toMatchObject(closedAs('denied', OFFICER, 'End use inconsistent with the stated programme'));
  });

  it('denies a referred case without waiting for the agencies; the open referral stays on the record', () => {
    const application = givenCase(aCase().assigned().referred())
      .when((a) => a.deny(aDenial()))
      .then([expect.objectContaining({ type: LICENCE_DENIED })]);
    expect(application.state?.status).toBe('denied');
    expect(application.state?.referrals.map((r) => r.status)).toEqual(['open']);
  });

  it('refuses to deny a case never assigned (CASE_NOT_ASSIGNED)', () => {
    givenCase(aCase()).when((a) => a.deny(aDenial())).thenThrows('CASE_NOT_ASSIGNED');
  });
});

describe('LicenceApplication.returnWithoutAction', () => {
  it('returns a submitted case without action (the completeness screening), recording the reason', () => {
    const application = givenCase(aCase())
      .when((a) => a.returnWithoutAction(aReturn()))
      .then([
        {
          type: APPLICATION_RETURNED_WITHOUT_ACTION,
          data: {
            applicationId: APPLICATION_ID,
            reason: 'Missing DSP-83 nontransfer and use certificate',
            returnedAt: LIFECYCLE_AT.decided,
            returnedBy: OFFICER,
          },
        },
      ]);
    expect(application.state).toMatchObject(closedAs('returned-without-action', OFFICER, 'Missing DSP-83 nontransfer and use certificate'));
  });

  it.each(PENDING_STATUSES)('returns a case %s', (status) => {
    const application = givenCase(historyIn(status))
      .when((a) => a.returnWithoutAction(aReturn()))
      .then([expect.objectContaining({ type: APPLICATION_RETURNED_WITHOUT_ACTION })]);
    expect(application.state?.status).toBe('returned-without-action');
  });
});

describe('LicenceApplication.withdraw', () => {
  it('withdraws a submitted case at the applicant’s request, recording the reason', () => {
    const application = givenCase(aCase())
      .when((a) => a.withdraw(aWithdrawal()))
      .then([
        {
          type: APPLICATION_WITHDRAWN,
          data: {
            applicationId: APPLICATION_ID,
            reason: 'Contract cancelled by the end-user',
            withdrawnAt: LIFECYCLE_AT.decided,
            withdrawnBy: INTAKE,
          },
        },
      ]);
    expect(application.state).toMatchObject(closedAs('withdrawn', INTAKE, 'Contract cancelled by the end-user'));
  });

  it.each(PENDING_STATUSES)('withdraws a case %s', (status) => {
    const application = givenCase(historyIn(status))
      .when((a) => a.withdraw(aWithdrawal()))
      .then([expect.objectContaining({ type: APPLICATION_WITHDRAWN })]);
    expect(application.state?.status).toBe('withdrawn');
  });
});

describe('a closing without a reason (INVALID_CASE_COMMAND)', () => {
  const closings: [string, (reason: string) => (application: LicenceApplication) => void][] = [
    ['deny', (reason) => (a) => a.deny(aDenial({ reason }))],
    ['returnWithoutAction', (reason) => (a) => a.returnWithoutAction(aReturn({ reason }))],
    ['withdraw', (reason) => (a) => a.withdraw(aWithdrawal({ reason }))],
  ];

  it.each(closings.flatMap(([name, act]) => ['', '   '].map((reason) => [name, JSON.stringify(reason), act(reason)] as const)))(
    '%s with reason %s is refused on reason',
    (_name, _reason, act) => {
      givenCase(aCase().assigned()).when(act).thenThrows('INVALID_CASE_COMMAND', ['reason']);
    },
  );
});
