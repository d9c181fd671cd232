import type { CalendarDate } from '../kernel/calendar-date';
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

/**
 * The entries that state the law: every entry except those a later correction superseded and the corrections that
 * only withdraw an entry (docs/regulation.md; the log itself keeps them all, it is append-only).
 */
export function effectiveEntries(state: CountryPolicyState): CountryPolicyEntry[] {
  const superseded = new Set<number>();
  for (const entry of state.entries) {
    if (entry.correction?.supersedes != null) superseded.add(entry.correction.supersedes);
  }
  return state.entries.filter((entry) => !superseded.has(entry.policyVersion) && entry.correction?.withdraws !== true);
}

/** The change in force on `date`: the latest by effective date (ties: the later version), or null if none. */
export function entryInForceOn(state: CountryPolicyState, date: CalendarDate): CountryPolicyEntry | null {
  let inForce: CountryPolicyEntry | null = null;
  for (const entry of effectiveEntries(state)) {
    if (entry.effectiveOn > date) continue;
    if (inForce === null || entry.effectiveOn > inForce.effectiveOn) inForce = entry;
    else if (entry.effectiveOn === inForce.effectiveOn && entry.policyVersion > inForce.policyVersion) inForce = entry;
  }
  return inForce;
}

/**
 * The change that put the country on the §126.1 list as it stands before `entry`: the latest earlier entry whose
 * `from` was not-listed (e.g. Cyprus's 1987 embargo for its FY2023+ suspensions). A lapsed suspension restores the
 * listing under that rule's authority (22 CFR §126.1(r); NDAA FY2020 §1250A(d)).
 */
export function listingEntryBefore(state: CountryPolicyState, entry: CountryPolicyEntry): CountryPolicyEntry | null {
  let listing: CountryPolicyEntry | null = null;
  const inEffectOrder = effectiveEntries(state).sort(
    (a, b) => a.effectiveOn.localeCompare(b.effectiveOn) || a.policyVersion - b.policyVersion,
  );
  for (const candidate of inEffectOrder) {
    if (candidate.effectiveOn > entry.effectiveOn || candidate.policyVersion === entry.policyVersion) continue;
    if (candidate.to === 'not-listed' && candidate.suspendedUntil === null) listing = null;
    else if (candidate.from === 'not-listed' && candidate.suspendedUntil === null && candidate.to !== 'not-listed') {
      listing = candidate;
    }
  }
  return listing;
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
  return effectiveEntries(state)
    .filter((entry) => entry.effectiveOn > date)
    .sort((a, b) => a.effectiveOn.localeCompare(b.effectiveOn) || a.policyVersion - b.policyVersion);
}
