import type { CountryPolicyInForce } from '../country-policy/policy-snapshot';
import type { EndUseCode, PartyRole } from '../licence-application/licence-application.types';
import type { Determination, ReviewTrack } from './determination';

/**
 * The §126.1 determination for one destination:
 * - Table 1, §126.1(d)(1): policy of denial, no exceptions;
 * - Table 2, §126.1(d)(2): policy of denial except as the country's paragraph allows, so an end use
 *   matching one of the paragraph's exceptions is reviewed case by case (e.g. Cambodia ¶(o), 2021–2025:
 *   conventional weapons destruction and humanitarian demining);
 * - not listed (or a suspended denial, as for Cyprus): case-by-case review.
 */
export function determineDestination(
  policy: CountryPolicyInForce,
  roles: readonly PartyRole[],
  endUses: readonly EndUseCode[],
): Determination {
  const exceptionApplied =
    policy.status === 'denial-with-exceptions'
      ? (policy.exceptions.find((exception) => endUses.includes(exception)) ?? null)
      : null;
  const track: ReviewTrack =
    policy.status === 'denial' || (policy.status === 'denial-with-exceptions' && exceptionApplied === null)
      ? 'policy-of-denial'
      : 'case-by-case';
  return {
    country: policy.countryCode,
    roles: [...roles],
    policyStatus: policy.status,
    table: policy.status === 'denial' ? 1 : policy.status === 'denial-with-exceptions' ? 2 : null,
    provision: provisionOf(policy),
    paragraph: policy.paragraph,
    exceptionApplied,
    track,
    citation: policy.citation,
    policyVersion: policy.policyVersion,
    policyEffectiveOn: policy.effectiveOn,
    suspendedUntil: policy.suspendedUntil,
  };
}

function provisionOf(policy: CountryPolicyInForce): string | null {
  if (policy.status === 'denial') return '22 CFR 126.1(d)(1)';
  if (policy.status === 'denial-with-exceptions') {
    return policy.paragraph ? `22 CFR 126.1(d)(2) and ${policy.paragraph}` : '22 CFR 126.1(d)(2)';
  }
  return null;
}
