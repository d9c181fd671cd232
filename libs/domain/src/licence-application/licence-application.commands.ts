import type { PolicySnapshot } from '../country-policy/policy-snapshot';
import type { ReevaluationTrigger } from '../reevaluation/reevaluation-trigger';
import type { LicenceApplicationSubmittedData } from './licence-application.events';
import type { ReferralRecommendation } from './licence-application.types';

/**
 * Submit a new licence application. The application id, the instant and the register snapshot in force
 * today are supplied by the caller: the decision itself reads no clock and looks nothing up.
 */
export interface SubmitLicenceApplication
  extends Omit<LicenceApplicationSubmittedData, SubmissionDecidedFields> {
  readonly policy: PolicySnapshot;
}

/** What the submission's decision works out from the register, rather than what the applicant gives. */
type SubmissionDecidedFields =
  | 'policyDate'
  | 'determinations'
  | 'reviewTrack'
  | 'notificationDuty126_1e'
  | 'congressionalNotification';

// ── The case officers' lifecycle. Every command carries the instant it is made (`at`, ISO 8601) and the
// acting user (`by`, the token's `sub`): the domain reads no clock and knows no session. ──

export interface AssignCase {
  readonly applicationId: string;
  readonly officerId: string;
  readonly at: string;
  readonly by: string;
}

export interface ReferCase {
  readonly applicationId: string;
  /** An agency code such as DTSA or STATE-DRL (AGENCY_CODE). */
  readonly agency: string;
  readonly at: string;
  readonly by: string;
}

export interface AnswerReferral {
  readonly applicationId: string;
  readonly agency: string;
  readonly recommendation: ReferralRecommendation;
  readonly provisos: readonly string[];
  readonly at: string;
  readonly by: string;
}

export interface ApproveLicence {
  readonly applicationId: string;
  readonly provisos: readonly string[];
  /**
   * The last valid day (YYYY-MM-DD). Optional for DSP licences (defaults to the maximum term), required for
   * Part 124 agreements, whose term is the agreement's own (licence-validity.rule.ts).
   */
  readonly validUntil?: string;
  readonly at: string;
  readonly by: string;
}

export interface DenyLicence {
  readonly applicationId: string;
  readonly reason: string;
  readonly at: string;
  readonly by: string;
}

export interface ReturnWithoutAction {
  readonly applicationId: string;
  readonly reason: string;
  readonly at: string;
  readonly by: string;
}

export interface WithdrawApplication {
  readonly applicationId: string;
  readonly reason: string;
  readonly at: string;
  readonly by: string;
}

export interface SuspendLicence {
  readonly applicationId: string;
  readonly reason: string;
  readonly at: string;
  readonly by: string;
}

export interface RevokeLicence {
  readonly applicationId: string;
  readonly reason: string;
  readonly at: string;
  readonly by: string;
}

export interface ExpireLicence {
  readonly applicationId: string;
  /** The calendar date the caller considers today (YYYY-MM-DD). */
  readonly today: string;
  readonly at: string;
  readonly by: string;
}

/**
 * Re-determine the case against the register in force (`policy`, built by the caller for `policy.onDate`) because
 * `trigger` came into force. Issued by the re-evaluation process manager for one run (`reevaluationId`).
 */
export interface ReevaluateCase {
  readonly applicationId: string;
  readonly reevaluationId: string;
  readonly trigger: ReevaluationTrigger;
  readonly policy: PolicySnapshot;
  readonly at: string;
  readonly by: string;
}
