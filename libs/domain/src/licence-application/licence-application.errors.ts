import { IllegalTransitionError, InvalidCommandError, NotFoundError, type FieldError } from '../kernel/domain-error';

/** The licence application's refusals. Codes are stable: the HTTP API answers them as problem `code`s. */
export const LicenceApplicationErrors = {
  invalid: (errors: FieldError[]) =>
    new InvalidCommandError('INVALID_APPLICATION', 'The application is incomplete or inconsistent', errors),
  alreadySubmitted: (applicationId: string) =>
    new IllegalTransitionError('ALREADY_SUBMITTED', `Application ${applicationId} was already submitted`),

  // ── The case officers' lifecycle ──
  notFound: (applicationId: string) =>
    new NotFoundError('APPLICATION_NOT_FOUND', `There is no application ${applicationId}`),
  invalidCaseCommand: (errors: FieldError[]) =>
    new InvalidCommandError('INVALID_CASE_COMMAND', 'The command is incomplete or inconsistent', errors),
  invalidValidity: (message: string) =>
    new InvalidCommandError('INVALID_VALIDITY', `The requested validity is not allowed: ${message}`, [
      { field: 'validUntil', message },
    ]),
  caseAlreadyDecided: (applicationId: string, status: string) =>
    new IllegalTransitionError(
      'CASE_ALREADY_DECIDED',
      `Application ${applicationId} is ${status}: a decided case accepts no further case decisions`,
    ),
  alreadyAssigned: (applicationId: string, officerId: string) =>
    new IllegalTransitionError('ALREADY_ASSIGNED', `Application ${applicationId} is already assigned to ${officerId}`),
  caseNotAssigned: (applicationId: string) =>
    new IllegalTransitionError(
      'CASE_NOT_ASSIGNED',
      `Application ${applicationId} has not been assigned to a case officer yet`,
    ),
  referralAlreadyOpen: (applicationId: string, agency: string) =>
    new IllegalTransitionError(
      'REFERRAL_ALREADY_OPEN',
      `Application ${applicationId} already has an open referral to ${agency}`,
    ),
  referralNotFound: (applicationId: string, agency: string) =>
    new IllegalTransitionError('REFERRAL_NOT_FOUND', `Application ${applicationId} was never referred to ${agency}`),
  referralAlreadyAnswered: (applicationId: string, agency: string) =>
    new IllegalTransitionError(
      'REFERRAL_ALREADY_ANSWERED',
      `${agency} has already answered every referral of application ${applicationId}`,
    ),
  referralsOutstanding: (applicationId: string, agencies: readonly string[]) =>
    new IllegalTransitionError(
      'REFERRALS_OUTSTANDING',
      `Application ${applicationId} cannot be approved while referrals are open: ${agencies.join(', ')}`,
    ),
  policyOfDenial: (applicationId: string) =>
    new IllegalTransitionError(
      'POLICY_OF_DENIAL',
      `Application ${applicationId} is on the policy-of-denial track (22 CFR 126.1) and cannot be approved`,
    ),
  licenceNotActive: (applicationId: string, status: string) =>
    new IllegalTransitionError('LICENCE_NOT_ACTIVE', `Application ${applicationId} has no active licence (it is ${status})`),
  licenceNotYetExpired: (applicationId: string, validUntil: string, today: string) =>
    new IllegalTransitionError(
      'LICENCE_NOT_YET_EXPIRED',
      `The licence of application ${applicationId} is valid until ${validUntil} inclusive; today is ${today}`,
    ),
};
