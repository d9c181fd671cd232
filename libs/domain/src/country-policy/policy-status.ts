/**
 * A country's standing under 22 CFR §126.1:
 * - `denial`: Table 1 of §126.1(d)(1), a policy of denial with no country-specific exceptions;
 * - `denial-with-exceptions`: Table 2 of §126.1(d)(2), denial except as the country's own paragraph allows;
 * - `not-listed`: not in §126.1; licences are reviewed case by case and ITAR exemptions are available.
 */
export const POLICY_STATUSES = ['denial', 'denial-with-exceptions', 'not-listed'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];

/**
 * The closed vocabulary of exceptions (and of applications' end-use codes). An application whose end use
 * matches an exception of a Table 2 country is reviewed case by case for that destination.
 * `government-security-forces` extends the vocabulary of docs/product.md §2: several Table 2
 * paragraphs (Afghanistan, DRC, Haiti, Iraq, Lebanon, Libya, Somalia, CAR) carve out the government's
 * own forces, and without a code those carve-outs could not be represented.
 */
export const EXCEPTION_CODES = [
  'conventional-weapons-destruction',
  'humanitarian-demining',
  'un-peacekeeping',
  'non-lethal-humanitarian',
  'government-space-cooperation',
  'protective-equipment',
  'government-security-forces',
] as const;
export type ExceptionCode = (typeof EXCEPTION_CODES)[number];

export function isPolicyStatus(value: unknown): value is PolicyStatus {
  return typeof value === 'string' && (POLICY_STATUSES as readonly string[]).includes(value);
}

export function isExceptionCode(value: unknown): value is ExceptionCode {
  return typeof value === 'string' && (EXCEPTION_CODES as readonly string[]).includes(value);
}

/** Whether a status places the country on the §126.1 list (Table 1 or Table 2). */
export function isListed(status: PolicyStatus): boolean {
  return status !== 'not-listed';
}
