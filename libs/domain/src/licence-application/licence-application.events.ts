import type { DomainEvent } from '../shared/domain-event';
import type { CongressionalNotification, Determination, ReviewTrack } from '../policy-evaluation/determination';
import type { Applicant, EndUseCode, LicenceType, Party, UsmlCategory } from './licence-application.types';

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

export type LicenceApplicationEvent = LicenceApplicationSubmitted;
