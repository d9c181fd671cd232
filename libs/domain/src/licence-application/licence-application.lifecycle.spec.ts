import { NotFoundError } from '../kernel/domain-error';
import {
  aCase,
  aDenial,
  aLicenceSuspension,
  anApproval,
  anAssignment,
  anExpiry,
  aReferral,
  aReferralAnswer,
  aReturn,
  aRevocation,
  aWithdrawal,
  deepFreeze,
  givenCase,
  historyIn,
  LIFECYCLE_AT,
  OTHER_OFFICER,
} from '../testing/domain-builders';
import type { LicenceApplication } from './licence-application.aggregate';
import { decideApprove } from './licence-application.approve.decide';
import { decideAssign } from './licence-application.assign.decide';
import { decideDeny, decideReturnWithoutAction, decideWithdraw } from './licence-application.close.decide';
import type { LicenceApplicationEvent } from './licence-application.events';
import { decideExpire, decideRevoke, decideSuspend } from './licence-application.licence.decide';
import { decideAnswerReferral, decideRefer } from './licence-application.referral.decide';
import { evolveLicenceApplication, type LicenceApplicationState } from './licence-application.state';
import { CASE_STATUSES, isDecided, isPending, PENDING_STATUSES, type CaseStatus } from './licence-application.types';

type Act = (application: LicenceApplication) => void;

/** The case decisions a decided case refuses (docs/product.md §2). */
const CASE_DECISIONS: [string, Act][] = [
  ['assign', (a) => a.assign(anAssignment({ officerId: OTHER_OFFICER }))],
  ['refer', (a) => a.refer(aReferral({ agency: 'STATE-DRL' }))],
  ['answerReferral', (a) => a.answerReferral(aReferralAnswer())],
  ['approve', (a) => a.approve(anApproval())],
  ['deny', (a) => a.deny(aDenial())],
  ['returnWithoutAction', (a) => a.returnWithoutAction(aReturn())],
  ['withdraw', (a) => a.withdraw(aWithdrawal())],
];

const EVERY_COMMAND: [string, Act][] = [
  ...CASE_DECISIONS,
  ['suspend', (a) => a.suspend(aLicenceSuspension())],
  ['revoke', (a) => a.revoke(aRevocation())],
  ['expire', (a) => a.expire(anExpiry())],
];

const DECIDED_STATUSES = CASE_STATUSES.filter((status) => isDecided(status));

describe('pending and decided statuses', () => {
  it('names submitted, under-review and referred as pending, and every other status as decided', () => {
    expect(PENDING_STATUSES).toEqual(['submitted', 'under-review', 'referred']);
    expect(CASE_STATUSES.filter(isPending)).toEqual([...PENDING_STATUSES]);
    expect([...PENDING_STATUSES, ...DECIDED_STATUSES]).toEqual([...CASE_STATUSES]);
  });

  it.each(CASE_STATUSES)('the test history for %s leaves the case in that status', (status) => {
    expect(historyIn(status).state?.status).toBe(status);
  });
});

describe('a decided case accepts no further case decisions (CASE_ALREADY_DECIDED)', () => {
  it.each(DECIDED_STATUSES.flatMap((status) => CASE_DECISIONS.map(([name, act]) => [status, name, act] as const)))(
    'a case %s refuses %s',
    (status, _name, act) => {
      const error = givenCase(historyIn(status)).when(act).thenThrows('CASE_ALREADY_DECIDED');
      expect(error.kind).toBe('conflict');
      expect(error.message).toContain(status);
    },
  );

  it('refuses an agency’s late answer on a case denied while referred', () => {
    givenCase(aCase().assigned().referred().denied())
      .when((a) => a.answerReferral(aReferralAnswer()))
      .thenThrows('CASE_ALREADY_DECIDED');
  });
});

describe('a command on a case that does not exist (APPLICATION_NOT_FOUND)', () => {
  it.each(EVERY_COMMAND)('%s is refused as not found', (_name, act) => {
    const error = givenCase().when(act).thenThrows('APPLICATION_NOT_FOUND');
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.kind).toBe('not-found');
  });

  it('answers not found before checking the command', () => {
    givenCase().when((a) => a.assign(anAssignment({ officerId: '' }))).thenThrows('APPLICATION_NOT_FOUND');
  });
});

describe('a command addressed to another case', () => {
  const other = '8b7c1a52-0000-4000-8000-000000000099';
  const retarget: [string, Act][] = [
    ['assign', (a) => a.assign(anAssignment({ applicationId: other }))],
    ['refer', (a) => a.refer(aReferral({ applicationId: other }))],
    ['answerReferral', (a) => a.answerReferral(aReferralAnswer({ applicationId: other }))],
    ['approve', (a) => a.approve(anApproval({ applicationId: other }))],
    ['deny', (a) => a.deny(aDenial({ applicationId: other }))],
    ['returnWithoutAction', (a) => a.returnWithoutAction(aReturn({ applicationId: other }))],
    ['withdraw', (a) => a.withdraw(aWithdrawal({ applicationId: other }))],
    ['suspend', (a) => a.suspend(aLicenceSuspension({ applicationId: other }))],
    ['revoke', (a) => a.revoke(aRevocation({ applicationId: other }))],
    ['expire', (a) => a.expire(anExpiry({ applicationId: other }))],
  ];

  it.each(retarget)('%s is refused (COMMAND_TARGET_MISMATCH) and produces nothing', (_name, act) => {
    givenCase(historyIn('approved')).when(act).thenThrows('COMMAND_TARGET_MISMATCH', ['applicationId']);
  });
});

describe('a whole case life', () => {
  it('rehydrates from its history to the state the decisions left', () => {
    const life = aCase()
      .assigned()
      .referred()
      .referred({ agency: 'STATE-DRL' })
      .answered({ recommendation: 'approve-with-provisos', provisos: ['No re-export'] })
      .answered({ agency: 'STATE-DRL', at: '2025-11-20T10:00:00.000Z' })
      .approved({ provisos: ['No re-export'] })
      .suspended()
      .revoked();
    const { aggregate } = givenCase(life).when(() => undefined);
    expect(aggregate.revision).toBe(8n);
    expect(aggregate.state).toEqual(life.state);
    expect(aggregate.state).toMatchObject({
      status: 'revoked',
      assignee: 'officer-ana',
      decision: { outcome: 'approved', provisos: ['No re-export'] },
      licence: { suspendedAt: LIFECYCLE_AT.suspended, revokedAt: LIFECYCLE_AT.revoked },
      lastChangedAt: LIFECYCLE_AT.revoked,
    });
    expect(aggregate.state?.referrals.map((r) => [r.agency, r.status, r.recommendation])).toEqual([
      ['DTSA', 'answered', 'approve-with-provisos'],
      ['STATE-DRL', 'answered', 'approve'],
    ]);
  });

  it('refuses to fold a lifecycle event onto a stream without its submission', () => {
    const [assigned] = aCase().assigned().events.slice(1);
    expect(() => evolveLicenceApplication(null, assigned!)).toThrow('CaseAssigned recorded before LicenceApplicationSubmitted');
  });
});

describe('the lifecycle decisions are pure', () => {
  type Decide = (state: LicenceApplicationState, command: never) => readonly LicenceApplicationEvent[];
  const decisions: [string, CaseStatus, Decide, () => object][] = [
    ['decideAssign', 'under-review', decideAssign, () => anAssignment({ officerId: OTHER_OFFICER })],
    ['decideRefer', 'referred', decideRefer, () => aReferral({ agency: 'STATE-DRL' })],
    ['decideAnswerReferral', 'referred', decideAnswerReferral, () => aReferralAnswer({ recommendation: 'approve-with-provisos', provisos: ['No re-export'] })],
    ['decideApprove', 'under-review', decideApprove, () => anApproval({ provisos: ['No re-export'] })],
    ['decideDeny', 'referred', decideDeny, () => aDenial()],
    ['decideReturnWithoutAction', 'submitted', decideReturnWithoutAction, () => aReturn()],
    ['decideWithdraw', 'under-review', decideWithdraw, () => aWithdrawal()],
    ['decideSuspend', 'approved', decideSuspend, () => aLicenceSuspension()],
    ['decideRevoke', 'suspended', decideRevoke, () => aRevocation()],
    ['decideExpire', 'suspended', decideExpire, () => anExpiry()],
  ];

  it.each(decisions)('%s leaves a deep-frozen state and command unchanged, and decides the same twice', (_name, status, decide, command) => {
    const state = historyIn(status).state;
    const input = command();
    const [stateBefore, commandBefore] = [structuredClone(state), structuredClone(input)];
    deepFreeze(state);
    deepFreeze(input);
    const first = decide(state, input as never);
    expect(first).toHaveLength(1);
    expect(decide(state, input as never)).toEqual(first);
    expect(state).toEqual(stateBefore);
    expect(input).toEqual(commandBefore);
  });

  it.each(decisions)('folding what %s decided leaves the deep-frozen previous state unchanged', (_name, status, decide, command) => {
    const state = deepFreeze(historyIn(status).state);
    const before = structuredClone(state);
    const [event] = decide(state, command() as never);
    const next = evolveLicenceApplication(state, event!);
    expect(next).not.toBe(state);
    expect(state).toEqual(before);
  });

  it('copies provisos into the event, so later changes to the command do not leak into it', () => {
    const provisos = ['No re-export'];
    const [event] = decideApprove(aCase().assigned().state, anApproval({ provisos }));
    provisos.push('changed');
    expect(event?.data.provisos).toEqual(['No re-export']);
  });
});
