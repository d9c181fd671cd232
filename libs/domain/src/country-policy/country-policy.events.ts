import type { DomainEvent } from '../kernel/domain-event';
import type { CalendarDate } from '../kernel/calendar-date';
import type { Citation } from './citation';
import type { ExceptionCode, PolicyStatus } from './policy-status';

export const COUNTRY_STATUS_CHANGED = 'CountryStatusChanged';

/** How a `CountryStatusChanged` corrects the register's own history (see `correction` below). */
export interface RegisterCorrection {
  /** The recorded policy version this entry replaces; null for a historical change recorded late. */
  readonly supersedes: number | null;
  /** True when the superseded version is withdrawn and nothing replaces it (e.g. an editorial re-insertion). */
  readonly withdraws: boolean;
}

/**
 * One change to a country's §126.1 entry. `policyVersion` counts the country's changes (1, 2, 3…): every
 * determination records the version it used, which is how a stale determination is recognised.
 *
 * Bitemporal: `effectiveOn` is when the change applies in law; the store's `recordedAt` is when it was
 * recorded here. `from` is the status in force just before the change in log order: on `effectiveOn`, as the
 * register stood before this event (so a second change on the same day starts from the first one's status).
 *
 * A suspension of the policy of denial (Cyprus, under NDAA FY2020 §1250A(d)) is a `not-listed` entry with
 * `suspendedUntil` (last day of the suspension) and `statusAfterSuspension`, the status that applies again
 * afterwards unless a later change extends it.
 *
 * `unconfirmed` names the fields whose facts the sourced domain notes tag as unconfirmed ([M]).
 *
 * `exceptionsRemoved` (additive) names the exceptions of the Table 2 paragraph in force just before that this change
 * no longer offers, while the country stays in Table 2: narrowing a paragraph is a tightening (the precedent is
 * Eritrea ¶(h), 86 FR 60165, FR Doc 2021-23450), so approved licences that relied on one are flagged (22 CFR §126.7).
 *
 * `correction` (additive) marks a correction of the register's own history (docs/regulation.md): the log is
 * append-only, so a wrong date or fact is corrected by a new event that supersedes the recorded version (or withdraws
 * it, for an editorial rule that changed no paragraph), or records a historical change late. Absent on older events.
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
  readonly exceptionsRemoved?: readonly ExceptionCode[];
  readonly correction?: RegisterCorrection | null;
}

export type CountryStatusChanged = DomainEvent<typeof COUNTRY_STATUS_CHANGED, CountryStatusChangedData>;

export type CountryPolicyEvent = CountryStatusChanged;
