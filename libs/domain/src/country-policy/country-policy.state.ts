import type { CalendarDate } from '../shared/calendar-date';
import type { CountryPolicyEvent, CountryStatusChangedData } from './country-policy.events';
import type { PolicyStatus } from './policy-status';

/** One recorded change, as the register keeps it. */
export type CountryPolicyEntry = CountryStatusChangedData;

export interface CountryPolicyState {
  /** Every recorded change, in policy-version order. */
  readonly entries: readonly CountryPolicyEntry[];
}

export const initialCountryPolicyState: CountryPolicyState = { entries: [] };

export function evolveCountryPolicy(state: CountryPolicyState, event: CountryPolicyEvent): CountryPolicyState {
  switch (event.type) {
    case 'CountryStatusChanged':
      return { entries: [...state.entries, event.data] };
  }
}

/** The change in force on `date`: the latest by effective date (ties: the later version), or null if none. */
export function entryInForceOn(state: CountryPolicyState, date: CalendarDate): CountryPolicyEntry | null {
  let inForce: CountryPolicyEntry | null = null;
  for (const entry of state.entries) {
    if (entry.effectiveOn > date) continue;
    if (inForce === null || entry.effectiveOn >= inForce.effectiveOn) inForce = entry;
  }
  return inForce;
}

/**
 * The status an entry gives on `date`. A suspension (e.g. Cyprus, suspended one fiscal year at a time)
 * lapses after `suspendedUntil`, and the suspended status applies again.
 */
export function statusOn(entry: CountryPolicyEntry | null, date: CalendarDate): PolicyStatus {
  if (entry === null) return 'not-listed';
  if (entry.suspendedUntil !== null && date > entry.suspendedUntil && entry.statusAfterSuspension !== null) {
    return entry.statusAfterSuspension;
  }
  return entry.to;
}

/** Changes recorded but not yet in force on `date` (future-dated), in effective-date order. */
export function pendingEntries(state: CountryPolicyState, date: CalendarDate): CountryPolicyEntry[] {
  return state.entries
    .filter((entry) => entry.effectiveOn > date)
    .sort((a, b) => a.effectiveOn.localeCompare(b.effectiveOn) || a.policyVersion - b.policyVersion);
}
