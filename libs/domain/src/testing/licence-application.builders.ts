/** Builders for the licence-application specs: submissions, the officers' commands and recorded case histories. */
import { LicenceApplication } from '../licence-application/licence-application.aggregate';
import { decideApprove } from '../licence-application/licence-application.approve.decide';
import { decideAssign } from '../licence-application/licence-application.assign.decide';
import {
  decideDeny,
  decideReturnWithoutAction,
  decideWithdraw,
} from '../licence-application/licence-application.close.decide';
import type {
  AnswerReferral,
  ApproveLicence,
  AssignCase,
  DenyLicence,
  ExpireLicence,
  ReferCase,
  ReturnWithoutAction,
  RevokeLicence,
  SubmitLicenceApplication,
  SuspendLicence,
  WithdrawApplication,
} from '../licence-application/licence-application.commands';
import { decideSubmit } from '../licence-application/licence-application.decide';
import {
  LICENCE_APPROVED,
  type LicenceApplicationEvent,
  type LicenceApproved,
} from '../licence-application/licence-application.events';
import { decideExpire, decideRevoke, decideSuspend } from '../licence-application/licence-application.licence.decide';
import { decideAnswerReferral, decideRefer } from '../licence-application/licence-application.referral.decide';
import {
  evolveLicenceApplication,
  type LicenceApplicationState,
} from '../licence-application/licence-application.state';
import {
  CASE_STATUSES,
  type CaseStatus,
  type Party,
  type PartyRole,
} from '../licence-application/licence-application.types';
import { givenAggregate } from './aggregate-specification';
import { snapshotOn } from './country-policy.builders';

export function aParty(role: PartyRole, country: string, name = `${country} ${role}`): Party {
  return { role, name, country };
}

export const anEndUser = (country: string, name?: string): Party => aParty('end-user', country, name);

export const APPLICATION_ID = '0b7f3c7e-5d1a-4c47-9a59-2f1f1b6f8e01';

/** A valid DSP-5 for a French end-user, evaluated against the seeded register of 2025-11-08. */
export function aSubmission(overrides: Partial<SubmitLicenceApplication> = {}): SubmitLicenceApplication {
  return {
    applicationId: APPLICATION_ID,
    licenceType: 'DSP-5',
    applicant: { name: 'Acme Defense Systems', registrationCode: 'M12345' },
    usmlCategories: ['XI'],
    valueUsd: 2_500_000,
    majorDefenseEquipment: false,
    endUseCodes: [],
    description: 'Radar spare parts',
    parties: [anEndUser('FR', 'Direction générale de l’armement')],
    submittedAt: '2025-11-08T09:30:00.000Z',
    submittedBy: 'applicant-user-1',
    policy: snapshotOn('2025-11-08'),
    ...overrides,
  };
}

// ── The case officers' lifecycle ─────────────────────────────────────────────────────────────────

export const SUPERVISOR = 'supervisor-sam';
export const OFFICER = 'officer-ana';
export const OTHER_OFFICER = 'officer-ben';
export const INTAKE = 'intake-ivy';

/** The instants of a case's life, in order, each days after the submission (2025-11-08T09:30Z). */
export const LIFECYCLE_AT = {
  assigned: '2025-11-10T09:00:00.000Z',
  reassigned: '2025-11-11T09:00:00.000Z',
  referred: '2025-11-12T10:00:00.000Z',
  answered: '2025-11-19T16:00:00.000Z',
  decided: '2025-11-24T11:00:00.000Z',
  suspended: '2026-03-02T08:00:00.000Z',
  revoked: '2026-04-15T08:00:00.000Z',
  expired: '2029-11-25T00:05:00.000Z',
} as const;

export function anAssignment(overrides: Partial<AssignCase> = {}): AssignCase {
  return { applicationId: APPLICATION_ID, officerId: OFFICER, at: LIFECYCLE_AT.assigned, by: SUPERVISOR, ...overrides };
}

export function aReferral(overrides: Partial<ReferCase> = {}): ReferCase {
  return { applicationId: APPLICATION_ID, agency: 'DTSA', at: LIFECYCLE_AT.referred, by: OFFICER, ...overrides };
}

export function aReferralAnswer(overrides: Partial<AnswerReferral> = {}): AnswerReferral {
  return {
    applicationId: APPLICATION_ID,
    agency: 'DTSA',
    recommendation: 'approve',
    provisos: [],
    at: LIFECYCLE_AT.answered,
    by: OFFICER,
    ...overrides,
  };
}

export function anApproval(overrides: Partial<ApproveLicence> = {}): ApproveLicence {
  return { applicationId: APPLICATION_ID, provisos: [], at: LIFECYCLE_AT.decided, by: OFFICER, ...overrides };
}

/** A command on the default case that states its reason, made at `at` by `by`. */
const reasoned = (reason: string, at: string, by: string) => ({ applicationId: APPLICATION_ID, reason, at, by });

export const aDenial = (overrides: Partial<DenyLicence> = {}): DenyLicence => ({
  ...reasoned('End use inconsistent with the stated programme', LIFECYCLE_AT.decided, OFFICER),
  ...overrides,
});

export const aReturn = (overrides: Partial<ReturnWithoutAction> = {}): ReturnWithoutAction => ({
  ...reasoned('Missing DSP-83 nontransfer and use certificate', LIFECYCLE_AT.decided, OFFICER),
  ...overrides,
});

export const aWithdrawal = (overrides: Partial<WithdrawApplication> = {}): WithdrawApplication => ({
  ...reasoned('Contract cancelled by the end-user', LIFECYCLE_AT.decided, INTAKE),
  ...overrides,
});

export const aLicenceSuspension = (overrides: Partial<SuspendLicence> = {}): SuspendLicence => ({
  ...reasoned('Suspected diversion under investigation', LIFECYCLE_AT.suspended, SUPERVISOR),
  ...overrides,
});

export const aRevocation = (overrides: Partial<RevokeLicence> = {}): RevokeLicence => ({
  ...reasoned('Diversion confirmed', LIFECYCLE_AT.revoked, SUPERVISOR),
  ...overrides,
});

/** The day after a default DSP-5 approval's last valid day (approved 2025-11-24, valid until 2029-11-24). */
export function anExpiry(overrides: Partial<ExpireLicence> = {}): ExpireLicence {
  return {
    applicationId: APPLICATION_ID,
    today: '2029-11-25',
    at: LIFECYCLE_AT.expired,
    by: 'licence-expiry-scheduler',
    ...overrides,
  };
}

/** What the default approval records: a DSP-5's four-year term from 2025-11-24, flagged unconfirmed. */
export function aLicenceApproved(data: Partial<LicenceApproved['data']> = {}): LicenceApproved {
  return {
    type: LICENCE_APPROVED,
    data: {
      applicationId: APPLICATION_ID,
      provisos: [],
      approvedAt: LIFECYCLE_AT.decided,
      approvedBy: OFFICER,
      validFrom: '2025-11-24',
      validUntil: '2029-11-24',
      validityBasis: 'Four-year licence validity (58 FR 39280, 1993)',
      validityUnconfirmed: true,
      ...data,
    },
  };
}

/**
 * A case's recorded history, built by running the real decisions, so that every history a spec starts
 * from is one the aggregate could have recorded.
 */
export class CaseHistory {
  private constructor(
    readonly events: readonly LicenceApplicationEvent[],
    readonly state: LicenceApplicationState,
  ) {}

  static submitted(overrides: Partial<SubmitLicenceApplication> = {}): CaseHistory {
    return new CaseHistory([], null).then(decideSubmit, aSubmission(overrides));
  }

  then<TCommand>(
    decide: (state: LicenceApplicationState, command: TCommand) => readonly LicenceApplicationEvent[],
    command: TCommand,
  ): CaseHistory {
    const events = decide(this.state, command);
    return new CaseHistory([...this.events, ...events], events.reduce(evolveLicenceApplication, this.state));
  }

  assigned = (overrides: Partial<AssignCase> = {}) => this.then(decideAssign, anAssignment(overrides));
  referred = (overrides: Partial<ReferCase> = {}) => this.then(decideRefer, aReferral(overrides));
  answered = (overrides: Partial<AnswerReferral> = {}) => this.then(decideAnswerReferral, aReferralAnswer(overrides));
  approved = (overrides: Partial<ApproveLicence> = {}) => this.then(decideApprove, anApproval(overrides));
  denied = (overrides: Partial<DenyLicence> = {}) => this.then(decideDeny, aDenial(overrides));
  returned = (overrides: Partial<ReturnWithoutAction> = {}) => this.then(decideReturnWithoutAction, aReturn(overrides));
  withdrawn = (overrides: Partial<WithdrawApplication> = {}) => this.then(decideWithdraw, aWithdrawal(overrides));
  suspended = (overrides: Partial<SuspendLicence> = {}) => this.then(decideSuspend, aLicenceSuspension(overrides));
  revoked = (overrides: Partial<RevokeLicence> = {}) => this.then(decideRevoke, aRevocation(overrides));
  expired = (overrides: Partial<ExpireLicence> = {}) => this.then(decideExpire, anExpiry(overrides));
}

/** A submitted case (a case-by-case DSP-5 for France unless overridden), ready for lifecycle steps. */
export const aCase = (overrides: Partial<SubmitLicenceApplication> = {}): CaseHistory => CaseHistory.submitted(overrides);

/** The shortest history that leaves a case in `status`, through the default commands. */
export function historyIn(status: CaseStatus, submission: Partial<SubmitLicenceApplication> = {}): CaseHistory {
  const submitted = aCase(submission);
  switch (status) {
    case 'submitted':
      return submitted;
    case 'under-review':
      return submitted.assigned();
    case 'referred':
      return submitted.assigned().referred();
    case 'approved':
      return submitted.assigned().approved();
    case 'denied':
      return submitted.assigned().denied();
    case 'returned-without-action':
      return submitted.returned();
    case 'withdrawn':
      return submitted.withdrawn();
    case 'suspended':
      return submitted.assigned().approved().suspended();
    case 'revoked':
      return submitted.assigned().approved().revoked();
    case 'expired':
      return submitted.assigned().approved().expired();
  }
}

/** Every case status but `excluded`, e.g. the statuses in which a licence action is refused. */
export const statusesExcept = (...excluded: readonly CaseStatus[]): CaseStatus[] =>
  CASE_STATUSES.filter((status) => !excluded.includes(status));

/** Given/when/then on a LicenceApplication that has recorded `history`. */
export const givenCase = (history: CaseHistory | readonly LicenceApplicationEvent[] = []) =>
  givenAggregate(
    () => new LicenceApplication(APPLICATION_ID),
    history instanceof CaseHistory ? history.events : history,
  );

/** Freezes a value and everything reachable from it, so that any mutation throws in strict mode. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
