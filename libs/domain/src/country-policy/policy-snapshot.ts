import type { CalendarDate } from '../shared/calendar-date';
import type { Citation } from './citation';
import { entryInForceOn, statusOn, type CountryPolicyState } from './country-policy.state';
import type { ExceptionCode, PolicyStatus } from './policy-status';

/** A country's §126.1 entry as in force on the snapshot's date. */
export interface CountryPolicyInForce {
  readonly countryCode: string;
  readonly status: PolicyStatus;
  readonly paragraph: string | null;
  readonly exceptions: readonly ExceptionCode[];
  readonly citation: Citation | null;
  /** The version of the entry in force; 0 for a country that has no recorded entry. */
  readonly policyVersion: number;
  readonly effectiveOn: CalendarDate | null;
  readonly suspendedUntil: CalendarDate | null;
}

/**
 * The register as in force on one date: the data that decisions take in (they never look it up).
 * Countries absent from `countries` have never been listed.
 */
export interface PolicySnapshot {
  readonly onDate: CalendarDate;
  readonly countries: Readonly<Record<string, CountryPolicyInForce>>;
}

export function policyInForce(countryCode: string, state: CountryPolicyState, date: CalendarDate): CountryPolicyInForce {
  const entry = entryInForceOn(state, date);
  if (entry === null) return neverListed(countryCode);
  const status = statusOn(entry, date);
  const lapsed = status !== entry.to;
  return {
    countryCode,
    status,
    paragraph: entry.paragraph,
    // A lapsed suspension restores the listing, not the suspended exceptions (a not-listed entry has none).
    exceptions: lapsed ? [] : entry.exceptions,
    citation: entry.citation,
    policyVersion: entry.policyVersion,
    effectiveOn: entry.effectiveOn,
    // Only a running suspension is reported: after it lapses the listing applies as if it had never been suspended.
    suspendedUntil: lapsed ? null : entry.suspendedUntil,
  };
}

export function buildPolicySnapshot(
  register: Readonly<Record<string, CountryPolicyState>>,
  date: CalendarDate,
): PolicySnapshot {
  const countries: Record<string, CountryPolicyInForce> = {};
  for (const [countryCode, state] of Object.entries(register)) {
    countries[countryCode] = policyInForce(countryCode, state, date);
  }
  return { onDate: date, countries };
}

export function countryInSnapshot(snapshot: PolicySnapshot, countryCode: string): CountryPolicyInForce {
  return snapshot.countries[countryCode] ?? neverListed(countryCode);
}

function neverListed(countryCode: string): CountryPolicyInForce {
  return {
    countryCode,
    status: 'not-listed',
    paragraph: null,
    exceptions: [],
    citation: null,
    policyVersion: 0,
    effectiveOn: null,
    suspendedUntil: null,
  };
}
