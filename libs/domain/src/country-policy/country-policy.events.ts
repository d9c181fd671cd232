import type { DomainEvent } from '../shared/domain-event';
import type { CalendarDate } from '../shared/calendar-date';
import type { Citation } from './citation';
import type { ExceptionCode, PolicyStatus } from './policy-status';

export const COUNTRY_STATUS_CHANGED = 'CountryStatusChanged';

/**
 * One change to a country's §126.1 entry. `policyVersion` counts the country's changes (1, 2, 3…): every
 * determination records the version it used, which is how a stale determination is recognised.
 *
 * Bitemporal: `effectiveOn` is when the change applies in law; the store's `recordedAt` is when it was
 * recorded here. `from` is the status in force the day before `effectiveOn`.
 *
 * A suspension of the policy of denial (Cyprus, under NDAA FY2020 §1250A(d)) is a `not-listed` entry with
 * `suspendedUntil` (last day of the suspension) and `statusAfterSuspension`, the status that applies again
 * afterwards unless a later change extends it.
 *
 * `unconfirmed` names the fields whose facts the sourced domain notes tag as unconfirmed ([M]).
 */
export interface CountryStatusChangedData {
  readonly countryCode: string;
  readonly countryName: string;
  readonly policyVersion: number;
  readonly from: PolicyStatus;
  readonly to: PolicyStatus;
  readonly paragraph: string | null;
  readonly exceptions: readonly ExceptionCode[];
  readonly suspendedUntil: CalendarDate | null;
  readonly statusAfterSuspension: PolicyStatus | null;
  readonly citation: Citation;
  readonly effectiveOn: CalendarDate;
  readonly announcedOn: CalendarDate | null;
  readonly reason: string;
  readonly unconfirmed: readonly string[];
}

export type CountryStatusChanged = DomainEvent<typeof COUNTRY_STATUS_CHANGED, CountryStatusChangedData>;

export type CountryPolicyEvent = CountryStatusChanged;
