import type { CongressionalNotification, Determination, ReviewTrack } from '../policy-evaluation/determination';
import type { LicenceApplicationEvent } from './licence-application.events';
import type { Applicant, CaseStatus, EndUseCode, LicenceType, Party, UsmlCategory } from './licence-application.types';

export interface LicenceCase {
  readonly applicationId: string;
  readonly status: CaseStatus;
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
  readonly policyDate: string;
  readonly reviewTrack: ReviewTrack;
  readonly determinations: readonly Determination[];
  readonly notificationDuty126_1e: boolean;
  readonly congressionalNotification: CongressionalNotification;
}

/** `null` until the application is submitted. */
export type LicenceApplicationState = LicenceCase | null;

export const initialLicenceApplicationState: LicenceApplicationState = null;

export function evolveLicenceApplication(
  _state: LicenceApplicationState,
  event: LicenceApplicationEvent,
): LicenceApplicationState {
  switch (event.type) {
    case 'LicenceApplicationSubmitted':
      return { ...event.data, status: 'submitted' };
  }
}
