import type { PolicySnapshot } from '../country-policy/policy-snapshot';
import type { Applicant, EndUseCode, LicenceType, Party, UsmlCategory } from './licence-application.types';

/**
 * Submit a new licence application. The application id, the instant and the register snapshot in force
 * today are supplied by the caller: the decision itself reads no clock and looks nothing up.
 */
export interface SubmitLicenceApplication {
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
  readonly policy: PolicySnapshot;
}
