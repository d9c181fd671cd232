import type { CountryStatusChangedData } from './country-policy.events';
import type { PolicyStatus } from './policy-status';

/** Record a change to a country's §126.1 entry (a policy administrator's act, or the seed). */
export interface RecordCountryStatusChange
  extends Omit<CountryStatusChangedData, 'policyVersion' | 'from' | 'to' | 'exceptionsRemoved'> {
  /** The status the change puts in force (the event's `to`; `from`, the version and removed exceptions are worked out). */
  readonly status: PolicyStatus;
}
