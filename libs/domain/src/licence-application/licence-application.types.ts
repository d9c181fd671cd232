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
