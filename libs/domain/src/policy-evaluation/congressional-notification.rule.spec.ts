import type { UsmlCategory } from '../licence-application/licence-application.types';
import {
  congressionalNotification,
  HIGHER_THRESHOLD_COUNTRIES,
  type CongressionalNotificationInput,
} from './congressional-notification.rule';
import type { CongressionalNotification } from './determination';

function aCase(overrides: Partial<CongressionalNotificationInput> = {}): CongressionalNotificationInput {
  return { licenceType: 'DSP-5', destinations: ['IN'], valueUsd: 0, majorDefenseEquipment: false, usmlCategories: ['XI'], ...overrides };
}

const MDE = 'major-defense-equipment';
const ARTICLES = 'defense-articles-and-services';
const FIREARMS = 'usml-category-i-firearms';

const expected = (
  required: boolean,
  thresholdUsd: number,
  basis: CongressionalNotification['basis'],
  reviewPeriodDays: 15 | 30,
): CongressionalNotification => ({ required, applicable: true, thresholdUsd, basis, reviewPeriodDays });

describe('§123.15 congressional notification thresholds', () => {
  it.each<[string, Partial<CongressionalNotificationInput>, CongressionalNotification]>([
    // Non-NATO (other than AU/IL/JP/NZ/KR): MDE $14M, articles and services $50M, 30-day review.
    ['non-NATO MDE just under $14M', { valueUsd: 13_999_999.99, majorDefenseEquipment: true }, expected(false, 14_000_000, MDE, 30)],
    ['non-NATO MDE at $14M', { valueUsd: 14_000_000, majorDefenseEquipment: true }, expected(true, 14_000_000, MDE, 30)],
    ['non-NATO MDE above $14M', { valueUsd: 20_000_000, majorDefenseEquipment: true }, expected(true, 14_000_000, MDE, 30)],
    ['non-NATO articles at $20M (no MDE)', { valueUsd: 20_000_000 }, expected(false, 50_000_000, ARTICLES, 30)],
    ['non-NATO articles just under $50M', { valueUsd: 49_999_999.99 }, expected(false, 50_000_000, ARTICLES, 30)],
    ['non-NATO articles at $50M', { valueUsd: 50_000_000 }, expected(true, 50_000_000, ARTICLES, 30)],
    // NATO, Australia, Israel, Japan, New Zealand, Republic of Korea: MDE $25M, articles $100M, 15-day review.
    ['NATO MDE at $14M', { destinations: ['DE'], valueUsd: 14_000_000, majorDefenseEquipment: true }, expected(false, 25_000_000, MDE, 15)],
    ['NATO MDE just under $25M', { destinations: ['GB'], valueUsd: 24_999_999.99, majorDefenseEquipment: true }, expected(false, 25_000_000, MDE, 15)],
    ['NATO MDE at $25M', { destinations: ['GB'], valueUsd: 25_000_000, majorDefenseEquipment: true }, expected(true, 25_000_000, MDE, 15)],
    ['NATO articles at $50M', { destinations: ['FR'], valueUsd: 50_000_000 }, expected(false, 100_000_000, ARTICLES, 15)],
    ['NATO articles just under $100M', { destinations: ['FR'], valueUsd: 99_999_999.99 }, expected(false, 100_000_000, ARTICLES, 15)],
    ['NATO articles at $100M', { destinations: ['FR'], valueUsd: 100_000_000 }, expected(true, 100_000_000, ARTICLES, 15)],
    ['several NATO+5 destinations', { destinations: ['JP', 'AU', 'NO'], valueUsd: 25_000_000, majorDefenseEquipment: true }, expected(true, 25_000_000, MDE, 15)],
    // Mixed NATO and non-NATO destinations: the lower thresholds and the 30-day review apply.
    ['NATO + non-NATO MDE at $14M', { destinations: ['FR', 'IN'], valueUsd: 14_000_000, majorDefenseEquipment: true }, expected(true, 14_000_000, MDE, 30)],
    ['non-NATO + NATO articles at $50M', { destinations: ['AE', 'DE'], valueUsd: 50_000_000 }, expected(true, 50_000_000, ARTICLES, 30)],
    // USML Category I firearms: $1M whatever the destination group.
    ['non-NATO Cat. I just under $1M', { usmlCategories: ['I'], valueUsd: 999_999.99 }, expected(false, 1_000_000, FIREARMS, 30)],
    ['non-NATO Cat. I at $1M', { usmlCategories: ['I'], valueUsd: 1_000_000 }, expected(true, 1_000_000, FIREARMS, 30)],
    ['NATO Cat. I at $1M', { destinations: ['CA'], usmlCategories: ['I'], valueUsd: 1_000_000 }, expected(true, 1_000_000, FIREARMS, 15)],
    ['Cat. I among others, with MDE', { usmlCategories: ['XI', 'I'], majorDefenseEquipment: true, valueUsd: 2_000_000 }, expected(true, 1_000_000, FIREARMS, 30)],
    ['no value', { valueUsd: 0 }, expected(false, 50_000_000, ARTICLES, 30)],
  ])('%s', (_label, overrides, result) => {
    expect(congressionalNotification(aCase(overrides))).toEqual(result);
  });

  it.each(['AU', 'IL', 'JP', 'NZ', 'KR', 'FR', 'DE', 'GB', 'IT', 'TR', 'PL', 'CA', 'FI', 'SE', 'ME', 'MK'])(
    '%s gets the higher thresholds and the 15-day review',
    (destination) => {
      expect(congressionalNotification(aCase({ destinations: [destination], valueUsd: 25_000_000, majorDefenseEquipment: true }))).toEqual(
        expected(true, 25_000_000, MDE, 15),
      );
    },
  );

  it.each(['IN', 'SA', 'AE', 'UA', 'BR', 'CH', 'AT', 'IE', 'SG', 'TW'])(
    '%s (not NATO+5) gets the lower thresholds and the 30-day review',
    (destination) => {
      expect(congressionalNotification(aCase({ destinations: [destination], valueUsd: 14_000_000, majorDefenseEquipment: true }))).toEqual(
        expected(true, 14_000_000, MDE, 30),
      );
    },
  );

  it('lists the 31 NATO allies other than the United States plus the five partners', () => {
    expect(HIGHER_THRESHOLD_COUNTRIES.size).toBe(36);
  });

  it.each<UsmlCategory>(['II', 'III', 'XXI'])('Category %s alone does not get the $1M firearms threshold', (category) => {
    expect(congressionalNotification(aCase({ usmlCategories: [category], valueUsd: 1_000_000 }))).toEqual(
      expected(false, 50_000_000, ARTICLES, 30),
    );
  });
});

describe('§123.15 applies to export licences and agreements, not to a DSP-61 temporary import', () => {
  it.each(['DSP-5', 'DSP-73', 'DSP-85', 'TAA', 'MLA', 'WDA'] as const)('%s at the threshold is flagged', (licenceType) => {
    expect(congressionalNotification(aCase({ licenceType, valueUsd: 50_000_000 }))).toEqual(
      expected(true, 50_000_000, ARTICLES, 30),
    );
  });

  it('a DSP-61 temporary import far above every threshold is not flagged, and says §123.15 does not apply', () => {
    expect(congressionalNotification(aCase({ licenceType: 'DSP-61', valueUsd: 500_000_000, majorDefenseEquipment: true }))).toEqual({
      required: false,
      applicable: false,
      thresholdUsd: 14_000_000,
      basis: MDE,
      reviewPeriodDays: 30,
    });
  });
});
