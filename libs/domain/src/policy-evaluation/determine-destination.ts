import type { CountryPolicyInForce } from '../country-policy/policy-snapshot';
import type { EndUseCode, PartyRole } from '../licence-application/licence-application.types';
import type { Determination, ReviewTrack } from './determination';

/**
 * The §126.1 determination for one destination:
 * - Table 1, 22 CFR §126.1(d)(1): policy of denial, no exceptions;
 * - Table 2, §126.1(d)(2): policy of denial except as the country's own paragraph allows. Since 86 FR 60165
 *   (FR Doc 2021-23450) the paragraph holds the exceptions, and an exception covers a request only for the end uses
 *   it names: the destination is case by case only when every end-use code of the case is covered by one of the
 *   paragraph's exceptions (e.g. Cambodia ¶(o), 86 FR 70053: conventional weapons destruction and humanitarian
 *   demining; South Sudan ¶(w), 83 FR 6457, carves out nothing for government forces). Any uncovered end use leaves
 *   it under the policy of denial, and the determination names those end uses;
 * - not listed (or a suspended denial, as for Cyprus): case-by-case review.
 */
export function determineDestination(
  policy: CountryPolicyInForce,
  roles: readonly PartyRole[],
  endUses: readonly EndUseCode[],
): Determination {
  const table2 = policy.status === 'denial-with-exceptions';
  const uncoveredEndUses = table2 ? endUses.filter((endUse) => !policy.exceptions.includes(endUse)) : [];
  // A case without end uses claims no exception: nothing is covered.
  const covered = table2 && endUses.length > 0 && uncoveredEndUses.length === 0;
  const exceptionsApplied = covered ? policy.exceptions.filter((exception) => endUses.includes(exception)) : [];
  const track: ReviewTrack = policy.status === 'denial' || (table2 && !covered) ? 'policy-of-denial' : 'case-by-case';
  return {
    country: policy.countryCode,
    roles: [...roles],
    policyStatus: policy.status,
    table: policy.status === 'denial' ? 1 : table2 ? 2 : null,
    provision: provisionOf(policy),
    paragraph: policy.paragraph,
    exceptionApplied: exceptionsApplied[0] ?? null,
    exceptionsApplied,
    uncoveredEndUses,
    track,
    citation: policy.citation,
    policyVersion: policy.policyVersion,
    policyEffectiveOn: policy.effectiveOn,
    suspendedUntil: policy.suspendedUntil,
    unconfirmed: [...policy.unconfirmed],
    warnings: policy.warnings.map((warning) => ({ ...warning })),
  };
}

function provisionOf(policy: CountryPolicyInForce): string | null {
  if (policy.status === 'denial') return '22 CFR 126.1(d)(1)';
  if (policy.status === 'denial-with-exceptions') {
    return policy.paragraph ? `22 CFR 126.1(d)(2) and ${policy.paragraph}` : '22 CFR 126.1(d)(2)';
  }
  return null;
}
