import type { CalendarDate } from '../kernel/calendar-date';
import type { Citation } from './citation';
import type { RegisterCorrection } from './country-policy.events';
import type { ExceptionCode, PolicyStatus } from './policy-status';

/** Record a change to a country's §126.1 entry (a policy administrator's act, or the seed). */
export interface RecordCountryStatusChange {
  readonly countryCode: string;
  readonly countryName: string;
  readonly status: PolicyStatus;
  readonly paragraph: string | null;
  readonly exceptions: readonly ExceptionCode[];
  readonly suspendedUntil: CalendarDate | null;
  readonly statusAfterSuspension: PolicyStatus | null;
  readonly citation: Citation;
  readonly effectiveOn: CalendarDate;
  readonly announcedOn: CalendarDate | null;
  readonly reason: string;
  readonly unconfirmed: readonly string[];
  /** Absent or null for an ordinary change; a correction of the register's history otherwise (see RegisterCorrection). */
  readonly correction?: RegisterCorrection | null;
}
