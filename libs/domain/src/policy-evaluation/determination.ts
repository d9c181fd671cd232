import type { Citation } from '../country-policy/citation';
import type { ExceptionCode, PolicyStatus } from '../country-policy/policy-status';
import type { PolicyWarning } from '../country-policy/policy-snapshot';
import type { CalendarDate } from '../kernel/calendar-date';
import type { PartyRole } from '../licence-application/licence-application.types';

export const REVIEW_TRACKS = ['policy-of-denial', 'case-by-case'] as const;
export type ReviewTrack = (typeof REVIEW_TRACKS)[number];

/**
 * The §126.1 determination for one destination country of a case: the policy in force for it, the
 * exceptions applied (a Table 2 paragraph applies only when its exceptions cover every end use of the case),
 * the end uses left uncovered, and the resulting track.
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
  /** The first of `exceptionsApplied`, or null (kept for subscribers that read the single exception). */
  readonly exceptionApplied: ExceptionCode | null;
  /** Table 2: the paragraph's exceptions that cover the case's end uses, when they cover every one; else empty. */
  readonly exceptionsApplied: readonly ExceptionCode[];
  /** Table 2: the case's end uses that no exception of the paragraph covers (they make it policy of denial). */
  readonly uncoveredEndUses: readonly ExceptionCode[];
  readonly track: ReviewTrack;
  readonly citation: Citation | null;
  readonly policyVersion: number;
  readonly policyEffectiveOn: CalendarDate | null;
  readonly suspendedUntil: CalendarDate | null;
  /** The fields of the register entry used whose facts the sources do not confirm ([M] in docs/regulation.md). */
  readonly unconfirmed: readonly string[];
  /** Caveats on the entry used, e.g. a lapsed suspension whose renewal may be missing from the register. */
  readonly warnings: readonly PolicyWarning[];
}

/** §123.15 / AECA §36(c): whether the value reaches a congressional notification threshold. */
export interface CongressionalNotification {
  readonly required: boolean;
  /**
   * Whether §123.15 applies to the licence type at all: export licences (DSP-5, DSP-73, DSP-85) and agreements
   * (TAA, MLA, WDA) do; a DSP-61 temporary import does not (AECA §36(c) certifies exports). Absent on older events.
   */
  readonly applicable?: boolean;
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
