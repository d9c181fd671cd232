import type { Citation } from '../country-policy/citation';
import type { ExceptionCode, PolicyStatus } from '../country-policy/policy-status';
import type { CalendarDate } from '../kernel/calendar-date';

/**
 * What starts a re-evaluation run:
 * - `status-change`: a `CountryStatusChanged` came into force (its `effectiveOn`);
 * - `suspension-lapse`: a suspended denial (Cyprus, NDAA FY2020 §1250A(d)) applies again the day after
 *   `suspendedUntil`. The lapse is part of the same recorded change, so it has no policy version of its own:
 *   its trigger carries the change's id and version and `kind` tells the two apart.
 */
export const REEVALUATION_KINDS = ['status-change', 'suspension-lapse'] as const;
export type ReevaluationKind = (typeof REEVALUATION_KINDS)[number];

/** The policy event behind a re-evaluation, as recorded on the run and on every case it changed. */
export interface ReevaluationTrigger {
  /** The id of the `CountryStatusChanged` event (also the causation id of what the run appends). */
  readonly policyEventId: string;
  readonly kind: ReevaluationKind;
  readonly countryCode: string;
  readonly policyVersion: number;
  /** The status before and after the trigger, on the day it comes into force. */
  readonly from: PolicyStatus;
  readonly to: PolicyStatus;
  readonly citation: Citation;
  /** The day the trigger comes into force: `effectiveOn`, or `suspendedUntil` + 1 for a lapse. */
  readonly effectiveOn: CalendarDate;
  /** Exceptions the change removed from the country's Table 2 paragraph (additive; absent on older events). */
  readonly exceptionsRemoved?: readonly ExceptionCode[];
  /**
   * The change corrects the register's history (docs/regulatory-fidelity.md) rather than changing the law. It flags
   * issued licences only where it states the law in force on the run's date (additive; absent on older events).
   */
  readonly correction?: boolean;
}

const RESTRICTIVENESS: Readonly<Record<PolicyStatus, number>> = {
  'not-listed': 0,
  'denial-with-exceptions': 1,
  denial: 2,
};

/**
 * A tightening: a country added to §126.1 or moved to a stricter table (Table 2 → Table 1). Under 22 CFR
 * §126.7 DDTC may then revisit licences already issued for it, so approved licences get flagged for review.
 */
export function isTightening(from: PolicyStatus, to: PolicyStatus): boolean {
  return RESTRICTIVENESS[to] > RESTRICTIVENESS[from];
}

/**
 * A trigger that can affect licences already issued: a status tightening, or a Table 2 paragraph narrowed (the
 * country stays in §126.1(d)(2) but loses exceptions, as Eritrea ¶(h) did under 86 FR 60165, FR Doc 2021-23450).
 * Its run selects approved licences as well, and flags those that relied on a removed exception (22 CFR §126.7).
 */
export function reachesIssuedLicences(trigger: Pick<ReevaluationTrigger, 'from' | 'to' | 'exceptionsRemoved'>): boolean {
  return isTightening(trigger.from, trigger.to) || (trigger.exceptionsRemoved ?? []).length > 0;
}
