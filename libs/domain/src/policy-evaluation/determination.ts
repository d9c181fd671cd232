import type { Citation } from '../country-policy/citation';
import type { ExceptionCode, PolicyStatus } from '../country-policy/policy-status';
import type { CalendarDate } from '../shared/calendar-date';
import type { PartyRole } from '../licence-application/licence-application.types';

export const REVIEW_TRACKS = ['policy-of-denial', 'case-by-case'] as const;
export type ReviewTrack = (typeof REVIEW_TRACKS)[number];

/**
 * The §126.1 determination for one destination country of a case: the policy in force for it, the
 * exception applied (if an end use matches one of the country's exceptions), and the resulting track.
 * `policyVersion` is the version of the country's entry that was used (0 when the country has never
 * been listed), so a determination made against an outdated policy can be recognised and redone.
 */
export interface Determination {
  readonly country: string;
  readonly roles: readonly PartyRole[];
  readonly policyStatus: PolicyStatus;
  /** 1 for §126.1(d)(1), 2 for §126.1(d)(2), null when the country is not listed. */
  readonly table: 1 | 2 | null;
  /** The provision applied, e.g. "22 CFR 126.1(d)(1)" or "22 CFR 126.1(d)(2) and (o)"; null when not listed. */
  readonly provision: string | null;
  readonly paragraph: string | null;
  readonly exceptionApplied: ExceptionCode | null;
  readonly track: ReviewTrack;
  readonly citation: Citation | null;
  readonly policyVersion: number;
  readonly policyEffectiveOn: CalendarDate | null;
  readonly suspendedUntil: CalendarDate | null;
}

/** §123.15 / AECA §36(c): whether the value reaches a congressional notification threshold. */
export interface CongressionalNotification {
  readonly required: boolean;
  /** The threshold that applies to this case (the lowest among its destinations), in USD. */
  readonly thresholdUsd: number;
  readonly basis: 'major-defense-equipment' | 'defense-articles-and-services' | 'usml-category-i-firearms';
  /** 15 days for NATO, Australia, Israel, Japan, New Zealand, Republic of Korea; 30 days otherwise. */
  readonly reviewPeriodDays: 15 | 30;
}

export interface PolicyEvaluation {
  readonly determinations: readonly Determination[];
  /** The most restrictive track among the determinations. */
  readonly reviewTrack: ReviewTrack;
  /** §126.1(e): a destination is on the §126.1 list, so the duty to inform DDTC applies. */
  readonly notificationDuty126_1e: boolean;
  readonly congressionalNotification: CongressionalNotification;
}
