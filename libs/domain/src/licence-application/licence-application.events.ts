import type { DomainEvent } from '../kernel/domain-event';
import type { ReevaluationTrigger } from '../reevaluation/reevaluation-trigger';
import type { CongressionalNotification, Determination, ReviewTrack } from '../policy-evaluation/determination';
import type {
  Applicant,
  EndUseCode,
  LicenceActionAuthority,
  LicenceType,
  Party,
  ReferralRecommendation,
  UsmlCategory,
} from './licence-application.types';

export const LICENCE_APPLICATION_SUBMITTED = 'LicenceApplicationSubmitted';

/**
 * A case was opened. It records the policy determinations made at submission (each with the citation
 * and policy version it used) so the decision can be explained and reproduced in an audit.
 */
export interface LicenceApplicationSubmittedData {
  readonly applicationId: string;
  readonly licenceType: LicenceType;
  readonly applicant: Applicant;
  readonly usmlCategories: readonly UsmlCategory[];
  readonly valueUsd: number;
  readonly majorDefenseEquipment: boolean;
  readonly endUseCodes: readonly EndUseCode[];
  readonly description: string;
  readonly parties: readonly Party[];
  readonly submittedAt: string;
  readonly submittedBy: string;
  /** The date whose register was applied. */
  readonly policyDate: string;
  readonly determinations: readonly Determination[];
  readonly reviewTrack: ReviewTrack;
  readonly notificationDuty126_1e: boolean;
  readonly congressionalNotification: CongressionalNotification;
}

export type LicenceApplicationSubmitted = DomainEvent<
  typeof LICENCE_APPLICATION_SUBMITTED,
  LicenceApplicationSubmittedData
>;

// ── The case officers' lifecycle (docs/product.md §2). Every event records the instant and the actor of the command. ──

export const CASE_ASSIGNED = 'CaseAssigned';
export const CASE_REFERRED = 'CaseReferred';
export const REFERRAL_ANSWERED = 'ReferralAnswered';
export const LICENCE_APPROVED = 'LicenceApproved';
export const LICENCE_DENIED = 'LicenceDenied';
export const APPLICATION_RETURNED_WITHOUT_ACTION = 'ApplicationReturnedWithoutAction';
export const APPLICATION_WITHDRAWN = 'ApplicationWithdrawn';
export const LICENCE_SUSPENDED = 'LicenceSuspended';
export const LICENCE_REVOKED = 'LicenceRevoked';
export const LICENCE_EXPIRED = 'LicenceExpired';

/** A case officer was given the case; the first assignment starts the review. */
export interface CaseAssignedData {
  readonly applicationId: string;
  readonly officerId: string;
  /** The officer the case is taken from, so a re-assignment is auditable on its own. */
  readonly previousOfficerId: string | null;
  readonly assignedAt: string;
  readonly assignedBy: string;
}
export type CaseAssigned = DomainEvent<typeof CASE_ASSIGNED, CaseAssignedData>;

/** The case was staffed to another agency (e.g. DoD/DTSA) for its recommendation. */
export interface CaseReferredData {
  readonly applicationId: string;
  readonly agency: string;
  readonly referredAt: string;
  readonly referredBy: string;
}
export type CaseReferred = DomainEvent<typeof CASE_REFERRED, CaseReferredData>;

/** An agency answered its open referral. */
export interface ReferralAnsweredData {
  readonly applicationId: string;
  readonly agency: string;
  readonly recommendation: ReferralRecommendation;
  readonly provisos: readonly string[];
  readonly answeredAt: string;
  readonly answeredBy: string;
  /** Agencies whose referral is still open after this answer, sorted: empty means the case is back under review. */
  readonly outstandingReferrals: readonly string[];
}
export type ReferralAnswered = DomainEvent<typeof REFERRAL_ANSWERED, ReferralAnsweredData>;

/** The licence was approved (with provisos, if any) and is valid from the approval date to `validUntil`. */
export interface LicenceApprovedData {
  readonly applicationId: string;
  readonly provisos: readonly string[];
  readonly approvedAt: string;
  readonly approvedBy: string;
  /** The calendar date (UTC) of `approvedAt`. */
  readonly validFrom: string;
  /** The last day the licence is valid. */
  readonly validUntil: string;
  /** Why the licence runs until `validUntil` (the rule and its source). */
  readonly validityBasis: string;
  /** True when the source of the validity rule is not confirmed as current law. */
  readonly validityUnconfirmed: boolean;
}
export type LicenceApproved = DomainEvent<typeof LICENCE_APPROVED, LicenceApprovedData>;

/** The licence was denied (final for this case; the applicant may file a new one). */
export interface LicenceDeniedData {
  readonly applicationId: string;
  readonly reason: string;
  readonly deniedAt: string;
  readonly deniedBy: string;
}
export type LicenceDenied = DomainEvent<typeof LICENCE_DENIED, LicenceDeniedData>;

/** Returned without action (RWA): incomplete or not compliant; the applicant must file a new case. */
export interface ApplicationReturnedWithoutActionData {
  readonly applicationId: string;
  readonly reason: string;
  readonly returnedAt: string;
  readonly returnedBy: string;
}
export type ApplicationReturnedWithoutAction = DomainEvent<
  typeof APPLICATION_RETURNED_WITHOUT_ACTION,
  ApplicationReturnedWithoutActionData
>;

/** The applicant withdrew the application. */
export interface ApplicationWithdrawnData {
  readonly applicationId: string;
  readonly reason: string;
  readonly withdrawnAt: string;
  readonly withdrawnBy: string;
}
export type ApplicationWithdrawn = DomainEvent<typeof APPLICATION_WITHDRAWN, ApplicationWithdrawnData>;

/** An approved licence was suspended under 22 CFR §126.7. */
export interface LicenceSuspendedData {
  readonly applicationId: string;
  readonly reason: string;
  readonly suspendedAt: string;
  readonly suspendedBy: string;
  readonly authority: LicenceActionAuthority;
}
export type LicenceSuspended = DomainEvent<typeof LICENCE_SUSPENDED, LicenceSuspendedData>;

/** An approved or suspended licence was revoked under 22 CFR §126.7. */
export interface LicenceRevokedData {
  readonly applicationId: string;
  readonly reason: string;
  readonly revokedAt: string;
  readonly revokedBy: string;
  readonly authority: LicenceActionAuthority;
}
export type LicenceRevoked = DomainEvent<typeof LICENCE_REVOKED, LicenceRevokedData>;

/** The licence ran past its last valid day. */
export interface LicenceExpiredData {
  readonly applicationId: string;
  readonly validUntil: string;
  /** The first day the licence is no longer valid: `validUntil` + 1 day. */
  readonly expiredOn: string;
  readonly expiredAt: string;
  /** Who recorded the expiry (typically a scheduler's service account). */
  readonly expiredBy: string;
}
export type LicenceExpired = DomainEvent<typeof LICENCE_EXPIRED, LicenceExpiredData>;

// ── Re-evaluation (docs/product.md §2): recorded by the re-evaluation process manager, never by a person. ──

export const REVIEW_TRACK_CHANGED = 'ReviewTrackChanged';
export const LICENCE_FLAGGED_FOR_REVIEW = 'LicenceFlaggedForReview';
export const DETERMINATIONS_REVISED = 'DeterminationsRevised';

/**
 * A §126.1 change moved a pending case to another review track. The case is re-determined against the register
 * in force on `policyDate`: `determinations` replaces every destination's determination (each with the citation
 * and policy version it used), so the case view explains the new track. Recorded only when the track changes;
 * the run accounts for the cases it left where they were.
 */
export interface ReviewTrackChangedData {
  readonly applicationId: string;
  readonly reevaluationId: string;
  readonly from: ReviewTrack;
  readonly to: ReviewTrack;
  readonly determinations: readonly Determination[];
  readonly notificationDuty126_1e: boolean;
  /** §123.15 as re-determined with the track (additive; absent on events recorded before it). */
  readonly congressionalNotification?: CongressionalNotification;
  /** The date whose register was applied. */
  readonly policyDate: string;
  readonly trigger: ReevaluationTrigger;
  readonly changedAt: string;
  readonly changedBy: string;
}
export type ReviewTrackChanged = DomainEvent<typeof REVIEW_TRACK_CHANGED, ReviewTrackChangedData>;

/**
 * A §126.1 change left a pending case on its review track but changed what its determinations say: a citation, a
 * policy version, a status, paragraph, exception, caveat, or a flag (§126.1(e) notification duty, §123.15
 * congressional notification). `determinations` replaces every destination's determination, so a case never shows
 * a stale one (e.g. a Cambodia demining case after FR Doc 2025-19822 removed ¶(o): still case by case, but
 * not-listed, citing the removal, with no §126.1(e) duty). Additive public event beside `ReviewTrackChanged`.
 */
export interface DeterminationsRevisedData {
  readonly applicationId: string;
  readonly reevaluationId: string;
  /** The case's review track, which this revision leaves as it was. */
  readonly reviewTrack: ReviewTrack;
  readonly determinations: readonly Determination[];
  /** The destinations whose determination changed, in the case's destination order. */
  readonly revisedCountries: readonly string[];
  readonly notificationDuty126_1e: boolean;
  readonly congressionalNotification: CongressionalNotification;
  /** The date whose register was applied. */
  readonly policyDate: string;
  readonly trigger: ReevaluationTrigger;
  readonly revisedAt: string;
  readonly revisedBy: string;
}
export type DeterminationsRevised = DomainEvent<typeof DETERMINATIONS_REVISED, DeterminationsRevisedData>;

/**
 * A tightening (a country added to §126.1 or moved to denial) reached a licence already approved for that country:
 * a supervisor should consider suspending or revoking it under 22 CFR §126.7. The licence itself stays as it is.
 */
export interface LicenceFlaggedForReviewData {
  readonly applicationId: string;
  readonly reevaluationId: string;
  readonly reason: string;
  readonly authority: LicenceActionAuthority;
  /** The licence's destination determination under the new policy. */
  readonly determination: Determination;
  readonly trigger: ReevaluationTrigger;
  readonly flaggedAt: string;
  readonly flaggedBy: string;
}
export type LicenceFlaggedForReview = DomainEvent<typeof LICENCE_FLAGGED_FOR_REVIEW, LicenceFlaggedForReviewData>;

export type LicenceApplicationEvent =
  | LicenceApplicationSubmitted
  | ReviewTrackChanged
  | DeterminationsRevised
  | LicenceFlaggedForReview
  | CaseAssigned
  | CaseReferred
  | ReferralAnswered
  | LicenceApproved
  | LicenceDenied
  | ApplicationReturnedWithoutAction
  | ApplicationWithdrawn
  | LicenceSuspended
  | LicenceRevoked
  | LicenceExpired;
