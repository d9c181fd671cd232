import type { UsmlCategory } from '../licence-application/licence-application.types';
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

export interface CongressionalNotificationInput {
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
  return {
    required: input.valueUsd >= lowest.thresholdUsd,
    thresholdUsd: lowest.thresholdUsd,
    basis: lowest.basis,
    reviewPeriodDays: group.reviewPeriodDays,
  };
}
