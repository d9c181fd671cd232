import type { ExceptionCode } from '../country-policy/policy-status';

/** DDTC licence and agreement types handled as cases (22 CFR Parts 123, 124, 125). */
export const LICENCE_TYPES = ['DSP-5', 'DSP-61', 'DSP-73', 'DSP-85', 'TAA', 'MLA', 'WDA'] as const;
export type LicenceType = (typeof LICENCE_TYPES)[number];

/** USML categories I–XXI (22 CFR §121.1). */
export const USML_CATEGORIES = [
  'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI',
  'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX', 'XXI',
] as const;
export type UsmlCategory = (typeof USML_CATEGORIES)[number];

/** Foreign parties to a case; each party's country gets its own §126.1 determination. */
export const PARTY_ROLES = ['end-user', 'foreign-consignee', 'intermediate-consignee'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export interface Party {
  readonly role: PartyRole;
  readonly name: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
}

export interface Applicant {
  readonly name: string;
  /** DDTC registration code (e.g. M12345). */
  readonly registrationCode: string;
}

/** End-use codes share the exceptions' closed vocabulary, so an end use can match a country's exception. */
export type EndUseCode = ExceptionCode;

export const CASE_STATUSES = [
  'submitted',
  'under-review',
  'referred',
  'approved',
  'denied',
  'returned-without-action',
  'withdrawn',
  'suspended',
  'revoked',
  'expired',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/**
 * A case is pending while DDTC still has to act on it (docs/product.md §2). Every other status is a decided case,
 * which accepts no further case decisions.
 */
export const PENDING_STATUSES = ['submitted', 'under-review', 'referred'] as const;
export type PendingStatus = (typeof PENDING_STATUSES)[number];

export function isPending(status: CaseStatus): status is PendingStatus {
  return (PENDING_STATUSES as readonly string[]).includes(status);
}

export function isDecided(status: CaseStatus): boolean {
  return !isPending(status);
}

/**
 * What a staffing agency recommends when it answers a referral. Provisos are the conditions an agency
 * (typically DoD/DTSA) attaches to an approval (docs/regulation.md §5, step 4).
 */
export const REFERRAL_RECOMMENDATIONS = ['approve', 'approve-with-provisos', 'deny'] as const;
export type ReferralRecommendation = (typeof REFERRAL_RECOMMENDATIONS)[number];

export function isReferralRecommendation(value: unknown): value is ReferralRecommendation {
  return typeof value === 'string' && (REFERRAL_RECOMMENDATIONS as readonly string[]).includes(value);
}

/** Agency codes like DTSA, DOD-DTSA, STATE-DRL: upper-case letter then 1–31 of [A-Z0-9-]. */
export const AGENCY_CODE = /^[A-Z][A-Z0-9-]{1,31}$/;

/** The authority for suspending and revoking a licence, recorded on the events that do so. */
export const LICENCE_ACTION_AUTHORITY = '22 CFR 126.7' as const;
export type LicenceActionAuthority = typeof LICENCE_ACTION_AUTHORITY;
