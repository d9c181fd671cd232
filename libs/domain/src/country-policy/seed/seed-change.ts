import type { RecordCountryStatusChange } from '../country-policy.commands';
import { CountryPolicyErrors } from '../country-policy.errors';

/** One change of the seeded §126.1 register, under the stable key hashed into its event id. */
export interface SeedChange {
  readonly key: string;
  readonly change: RecordCountryStatusChange;
  /**
   * A correction of an earlier seed change, named by its key (resolved to its policy version when recorded): see
   * section-126-1.corrections.ts. Absent on the history itself.
   */
  readonly correction?: { readonly supersedes: string | null; readonly withdraws: boolean };
}

/**
 * The command a seed change records: a correction's `supersedes` key becomes the policy version the country's stream
 * gave that change (`versionOf`). Refuses (INVALID_STATUS_CHANGE) when the superseded change is not recorded, so the
 * seeder reports the correction as skipped instead of failing the start.
 */
export function seedCommand(seed: SeedChange, versionOf: (key: string) => number | undefined): RecordCountryStatusChange {
  if (seed.correction === undefined) return seed.change;
  const { supersedes, withdraws } = seed.correction;
  if (supersedes === null) return { ...seed.change, correction: { supersedes: null, withdraws } };
  const version = versionOf(supersedes);
  if (version === undefined) {
    throw CountryPolicyErrors.invalidChange([
      { field: 'correction.supersedes', message: `seed change ${supersedes} is not recorded, so ${seed.key} cannot correct it` },
    ]);
  }
  return { ...seed.change, correction: { supersedes: version, withdraws } };
}
