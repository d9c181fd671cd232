import { addYears, type CalendarDate } from '../kernel/calendar-date';
import type { LicenceType } from './licence-application.types';

/** How long an approved licence runs, and on what authority. */
export interface LicenceValidity {
  /** The approval date: a licence is valid from the day it is approved. */
  readonly validFrom: CalendarDate;
  /** The last valid day. */
  readonly validUntil: CalendarDate;
  readonly validityBasis: string;
  /** True when the rule's source is not confirmed as still applying to this licence type. */
  readonly validityUnconfirmed: boolean;
}

export interface ValidityRule {
  /** The longest term, in years from the approval date; null when the term is the agreement's own. */
  readonly maximumYears: number | null;
  /** Whether the approval must state `validUntil` (there is no default term). */
  readonly termRequired: boolean;
  readonly basis: string;
  readonly unconfirmed: boolean;
}

/**
 * DSP licences: the 1993 rewrite of the ITAR raised licence validity from three to four years
 * (58 FR 39280, 1993). docs/regulation.md (§4, "Validity and returns") tags "that this
 * still applies to DSP-5/73" as [M], i.e. unconfirmed, so every approval under this rule says so in
 * `validityUnconfirmed`. DSP-61 and DSP-85 follow the same rule with the same caveat. Four years is the
 * default and the maximum; an officer may grant a shorter term.
 */
export const FOUR_YEAR_LICENCE_VALIDITY: ValidityRule = {
  maximumYears: 4,
  termRequired: false,
  basis: 'Four-year licence validity (58 FR 39280, 1993)',
  unconfirmed: true,
};

/**
 * TAA, MLA and WDA are agreements under 22 CFR Part 124: they run for the term the agreement itself
 * states, so the approval must state it and no term is imposed beyond that.
 */
export const AGREEMENT_TERM_VALIDITY: ValidityRule = {
  maximumYears: null,
  termRequired: true,
  basis: 'Agreement term stated in the agreement (22 CFR Part 124)',
  unconfirmed: false,
};

const RULES: Readonly<Record<LicenceType, ValidityRule>> = {
  'DSP-5': FOUR_YEAR_LICENCE_VALIDITY,
  'DSP-61': FOUR_YEAR_LICENCE_VALIDITY,
  'DSP-73': FOUR_YEAR_LICENCE_VALIDITY,
  'DSP-85': FOUR_YEAR_LICENCE_VALIDITY,
  TAA: AGREEMENT_TERM_VALIDITY,
  MLA: AGREEMENT_TERM_VALIDITY,
  WDA: AGREEMENT_TERM_VALIDITY,
};

export function validityRuleFor(licenceType: LicenceType): ValidityRule {
  return RULES[licenceType];
}

/** The validity an approval on `approvalDate` grants, or why the requested `validUntil` is refused. */
export type ValidityDecision =
  | { readonly ok: true; readonly validity: LicenceValidity }
  | { readonly ok: false; readonly reason: string };

/**
 * Decides the licence's term. Pure. `requestedValidUntil` must already be a calendar date when given;
 * the caller checks that, and that an agreement states its term, as input validation.
 */
export function decideLicenceValidity(
  licenceType: LicenceType,
  approvalDate: CalendarDate,
  requestedValidUntil: CalendarDate | undefined,
): ValidityDecision {
  const rule = validityRuleFor(licenceType);
  const maximum = rule.maximumYears === null ? null : addYears(approvalDate, rule.maximumYears);
  const validUntil = requestedValidUntil ?? maximum;
  if (validUntil === null) return { ok: false, reason: `a ${licenceType} must state the agreement's term` };
  if (validUntil <= approvalDate) {
    return { ok: false, reason: `must be after the approval date ${approvalDate}` };
  }
  if (maximum !== null && validUntil > maximum) {
    return { ok: false, reason: `must be on or before ${maximum}, ${rule.maximumYears} years after approval` };
  }
  return {
    ok: true,
    validity: { validFrom: approvalDate, validUntil, validityBasis: rule.basis, validityUnconfirmed: rule.unconfirmed },
  };
}
