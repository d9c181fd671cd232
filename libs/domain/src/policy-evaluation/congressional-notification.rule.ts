import type { LicenceType, UsmlCategory } from '../licence-application/licence-application.types';
import type { CongressionalNotification } from './determination';

/**
 * NATO members plus Australia, Israel, Japan, New Zealand and the Republic of Korea, which get the higher
 * §123.15 thresholds and the 15-day review. The NATO membership list (32 members since Sweden joined in
 * March 2024) is general knowledge, not taken from the sourced domain notes.
 */
export const HIGHER_THRESHOLD_COUNTRIES: ReadonlySet<string> = new Set([
  'AL', 'BE', 'BG', 'CA', 'HR', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IS', 'IT', 'LV',
  'LT', 'LU', 'ME', 'NL', 'MK', 'NO', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'TR', 'GB',
  'AU', 'IL', 'JP', 'NZ', 'KR',
]);

const THRESHOLDS = {
  other: { majorDefenseEquipment: 14_000_000, articlesAndServices: 50_000_000, reviewPeriodDays: 30 },
  higher: { majorDefenseEquipment: 25_000_000, articlesAndServices: 100_000_000, reviewPeriodDays: 15 },
} as const;

/** USML Category I(a)–(g) firearms: $1M under AECA §36(c). */
const FIREARMS_THRESHOLD = 1_000_000;

/**
 * The licence types §123.15 reaches. 22 CFR §123.15 (AECA §36(c)) certifies licences for the *export* of major
 * defense equipment and defense articles and services, and AECA §36(c)-(d) (22 CFR §124.11) agreements for defense
 * services and manufacture abroad: DSP-5 (permanent export), DSP-73 (temporary export), DSP-85 (classified export;
 * it can also be a temporary import, which the case does not distinguish, so the flag errs on the side of review),
 * and the Part 124 agreements TAA, MLA and WDA. A DSP-61 is a temporary import (docs/regulation.md §4): nothing
 * leaves the United States for good, so no congressional certification applies.
 */
export const CONGRESSIONAL_NOTIFICATION_TYPES: ReadonlySet<LicenceType> = new Set<LicenceType>([
  'DSP-5',
  'DSP-73',
  'DSP-85',
  'TAA',
  'MLA',
  'WDA',
]);

export interface CongressionalNotificationInput {
  readonly licenceType: LicenceType;
  readonly destinations: readonly string[];
  readonly valueUsd: number;
  readonly majorDefenseEquipment: boolean;
  readonly usmlCategories: readonly UsmlCategory[];
}

/**
 * 22 CFR §123.15 (AECA §36(c)): congressional certification is needed when the value reaches the
 * threshold for the destination. A case with any destination outside the NATO+5 group gets the lower
 * thresholds. Category I is flagged at $1M although the rule covers only I(a)–(g): the case does not
 * record sub-paragraphs, so the flag errs on the side of review.
 */
export function congressionalNotification(input: CongressionalNotificationInput): CongressionalNotification {
  const group = input.destinations.every((country) => HIGHER_THRESHOLD_COUNTRIES.has(country))
    ? THRESHOLDS.higher
    : THRESHOLDS.other;
  const candidates: Array<Omit<CongressionalNotification, 'required' | 'reviewPeriodDays'>> = [
    input.majorDefenseEquipment
      ? { thresholdUsd: group.majorDefenseEquipment, basis: 'major-defense-equipment' }
      : { thresholdUsd: group.articlesAndServices, basis: 'defense-articles-and-services' },
  ];
  if (input.usmlCategories.includes('I')) {
    candidates.push({ thresholdUsd: FIREARMS_THRESHOLD, basis: 'usml-category-i-firearms' });
  }
  const lowest = candidates.reduce((a, b) => (b.thresholdUsd < a.thresholdUsd ? b : a));
  const applicable = CONGRESSIONAL_NOTIFICATION_TYPES.has(input.licenceType);
  return {
    required: applicable && input.valueUsd >= lowest.thresholdUsd,
    applicable,
    thresholdUsd: lowest.thresholdUsd,
    basis: lowest.basis,
    reviewPeriodDays: group.reviewPeriodDays,
  };
}
