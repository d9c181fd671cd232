import {
  entryInForceOn,
  pendingEntries,
  policyInForce,
  type Citation,
  type CountryPolicyEntry,
  type ExceptionCode,
  type PolicyStatus,
} from '@app/domain';
import type { RecordedEvent } from '@app/infra';
import type { CountryRecord } from './policy-register.read-model';

export interface CountryEntryView {
  countryCode: string;
  countryName: string | null;
  asOf: string;
  /** The recorded-time cut (`?knownAt`): only changes recorded by then count; null for everything recorded. */
  knownAt: string | null;
  status: PolicyStatus;
  /** 1 for §126.1(d)(1), 2 for §126.1(d)(2), null when not listed. */
  table: 1 | 2 | null;
  paragraph: string | null;
  exceptions: readonly ExceptionCode[];
  suspended: boolean;
  suspendedUntil: string | null;
  policyVersion: number;
  effectiveOn: string | null;
  citation: Citation | null;
  reason: string | null;
  unconfirmed: readonly string[];
  /** Changes recorded but effective after `asOf`. */
  pending: readonly CountryChangeView[];
}

export interface CountryChangeView {
  changeId: string;
  policyVersion: number;
  from: PolicyStatus;
  to: PolicyStatus;
  paragraph: string | null;
  exceptions: readonly ExceptionCode[];
  suspendedUntil: string | null;
  statusAfterSuspension: PolicyStatus | null;
  effectiveOn: string;
  announcedOn: string | null;
  citation: Citation;
  reason: string;
  unconfirmed: readonly string[];
  recordedAt: string;
  recordedBy: string;
}

export function countryEntryView(
  countryCode: string,
  record: CountryRecord | null,
  asOf: string,
  knownAt: string | null = null,
): CountryEntryView {
  const state = record?.state ?? { entries: [] };
  const policy = policyInForce(countryCode, state, asOf);
  const entry = entryInForceOn(state, asOf);
  return {
    countryCode,
    countryName: state.entries.at(-1)?.countryName ?? null,
    asOf,
    knownAt,
    status: policy.status,
    table: policy.status === 'denial' ? 1 : policy.status === 'denial-with-exceptions' ? 2 : null,
    paragraph: policy.paragraph,
    exceptions: policy.exceptions,
    suspended: entry !== null && entry.suspendedUntil !== null && policy.status === 'not-listed',
    suspendedUntil: policy.status === 'not-listed' ? policy.suspendedUntil : null,
    policyVersion: policy.policyVersion,
    effectiveOn: policy.effectiveOn,
    citation: policy.citation,
    reason: entry?.reason ?? null,
    unconfirmed: entry?.unconfirmed ?? [],
    pending: record === null ? [] : pendingEntries(state, asOf).map((pending) => changeView(pending, eventOf(record, pending))),
  };
}

export function countryHistory(record: CountryRecord | null): CountryChangeView[] {
  if (record === null) return [];
  return record.state.entries.map((entry) => changeView(entry, eventOf(record, entry)));
}

/** Entries and events are folded together, so version n is the n-th event of the country's stream. */
function eventOf(record: CountryRecord, entry: CountryPolicyEntry): RecordedEvent {
  const event = record.events[entry.policyVersion - 1];
  if (event === undefined) throw new Error(`No event for ${record.countryCode} policy version ${entry.policyVersion}`);
  return event;
}

function changeView(entry: CountryPolicyEntry, event: RecordedEvent): CountryChangeView {
  return {
    changeId: event.id,
    policyVersion: entry.policyVersion,
    from: entry.from,
    to: entry.to,
    paragraph: entry.paragraph,
    exceptions: entry.exceptions,
    suspendedUntil: entry.suspendedUntil,
    statusAfterSuspension: entry.statusAfterSuspension,
    effectiveOn: entry.effectiveOn,
    announcedOn: entry.announcedOn,
    citation: entry.citation,
    reason: entry.reason,
    unconfirmed: entry.unconfirmed,
    recordedAt: event.recordedAt,
    recordedBy: event.metadata.actor,
  };
}
