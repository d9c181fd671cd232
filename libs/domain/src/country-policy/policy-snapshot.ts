import { addDays, type CalendarDate } from '../kernel/calendar-date';
import type { Citation } from './citation';
import { entryInForceOn, listingEntryBefore, statusOn, type CountryPolicyEntry, type CountryPolicyState } from './country-policy.state';
import type { ExceptionCode, PolicyStatus } from './policy-status';

/**
 * A caveat an officer must see beside the entry in force. `SUSPENSION_RENEWAL_MAY_BE_MISSING`: a suspension of the
 * policy of denial lapsed (Cyprus: NDAA FY2020 §1250A(d) and EMSEPA §205(d) suspend it one fiscal year at a time,
 * 22 CFR §126.1(r)); it has been renewed every year since FY2023, so a renewal may be missing from the register.
 */
export interface PolicyWarning {
  readonly code: 'SUSPENSION_RENEWAL_MAY_BE_MISSING';
  readonly message: string;
}

/** A country's §126.1 entry as in force on the snapshot's date. */
export interface CountryPolicyInForce {
  readonly countryCode: string;
  readonly status: PolicyStatus;
  readonly paragraph: string | null;
  readonly exceptions: readonly ExceptionCode[];
  readonly citation: Citation | null;
  /** The version of the entry in force; 0 for a country that has no recorded entry. */
  readonly policyVersion: number;
  /** When the status in force began: the entry's `effectiveOn`, or the day after a lapsed suspension. */
  readonly effectiveOn: CalendarDate | null;
  readonly suspendedUntil: CalendarDate | null;
  /** Why this is the status in force (the entry's reason, or the lapse of a suspension). */
  readonly reason: string | null;
  /** The fields of the register entries used whose facts the sources do not confirm ([M] in docs/regulation.md). */
  readonly unconfirmed: readonly string[];
  readonly warnings: readonly PolicyWarning[];
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
  if (status !== entry.to) return lapsedSuspension(countryCode, state, entry, status);
  return {
    countryCode,
    status,
    paragraph: entry.paragraph,
    exceptions: entry.exceptions,
    citation: entry.citation,
    policyVersion: entry.policyVersion,
    effectiveOn: entry.effectiveOn,
    suspendedUntil: entry.suspendedUntil,
    reason: entry.reason,
    unconfirmed: entry.unconfirmed,
    warnings: [],
  };
}

/**
 * A suspension that ended with no renewal recorded (22 CFR §126.1(r) for Cyprus; the FY2026 suspension is FR Doc
 * 2025-17287): the listing applies again from the day after `suspendedUntil`, under the country's own paragraph and
 * the rule that listed it, not the suspension rule. The suspended exceptions are not restored (a suspension carries
 * none), and the lapse has no policy version of its own: it stays the suspension's version.
 */
function lapsedSuspension(
  countryCode: string,
  state: CountryPolicyState,
  suspension: CountryPolicyEntry,
  status: PolicyStatus,
): CountryPolicyInForce {
  const listing = listingEntryBefore(state, suspension);
  const restoredOn = addDays(suspension.suspendedUntil!, 1);
  const listingRule = listing === null ? 'the listing rule is not in the register' : `listed by ${citationName(listing.citation)}`;
  return {
    countryCode,
    status,
    paragraph: suspension.paragraph ?? listing?.paragraph ?? null,
    exceptions: [],
    citation: listing?.citation ?? null,
    policyVersion: suspension.policyVersion,
    effectiveOn: restoredOn,
    suspendedUntil: null,
    reason:
      `The suspension of the policy of denial ended on ${suspension.suspendedUntil!} and no renewal is recorded: ` +
      `${status} applies again from ${restoredOn} under ${suspension.paragraph ?? 'its paragraph'} (${listingRule}).`,
    unconfirmed: [...new Set([...(listing?.unconfirmed ?? []), ...suspension.unconfirmed])],
    warnings: [
      {
        code: 'SUSPENSION_RENEWAL_MAY_BE_MISSING',
        message:
          `The suspension ended on ${suspension.suspendedUntil!}. It is usually renewed each fiscal year ` +
          '(NDAA FY2020 §1250A(d)); a renewal may be missing from the register: check the Federal Register.',
      },
    ],
  };
}

function citationName(citation: Citation): string {
  return citation.frCitation ?? (citation.frDocument ? `FR Doc ${citation.frDocument}` : (citation.notes ?? 'an uncited rule'));
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
    reason: null,
    unconfirmed: [],
    warnings: [],
  };
}
