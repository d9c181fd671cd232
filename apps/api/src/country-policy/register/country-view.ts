import {
  entryInForceOn,
  pendingEntries,
  policyInForce,
  type Citation,
  type CountryPolicyEntry,
  type ExceptionCode,
  type PolicyStatus,
  type PolicyWarning,
  type RegisterCorrection,
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
  /** Caveats on the entry in force, e.g. a lapsed suspension whose renewal may be missing from the register. */
  warnings: readonly PolicyWarning[];
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
  /** Exceptions this change removed from the country's Table 2 paragraph (a narrowing). */
  exceptionsRemoved: readonly ExceptionCode[];
  /** Set on a correction of the register's history (it supersedes, or withdraws, an earlier version). */
  correction: RegisterCorrection | null;
  /** The version of the correction that superseded or withdrew this change; null while it stands. */
  supersededBy: number | null;
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
    reason: policy.reason,
    unconfirmed: policy.unconfirmed,
    warnings: policy.warnings,
    pending:
      record === null ? [] : pendingEntries(state, asOf).map((pending) => changeView(pending, eventOf(record, pending), null)),
  };
}

export function countryHistory(record: CountryRecord | null): CountryChangeView[] {
  if (record === null) return [];
  const supersededBy = new Map<number, number>();
  for (const entry of record.state.entries) {
    if (entry.correction?.supersedes != null) supersededBy.set(entry.correction.supersedes, entry.policyVersion);
  }
  return record.state.entries.map((entry) =>
    changeView(entry, eventOf(record, entry), supersededBy.get(entry.policyVersion) ?? null),
  );
}

/** Entries and events are folded together, so version n is the n-th event of the country's stream. */
function eventOf(record: CountryRecord, entry: CountryPolicyEntry): RecordedEvent {
  const event = record.events[entry.policyVersion - 1];
  if (event === undefined) throw new Error(`No event for ${record.countryCode} policy version ${entry.policyVersion}`);
  return event;
}

function changeView(entry: CountryPolicyEntry, event: RecordedEvent, supersededBy: number | null): CountryChangeView {
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
    exceptionsRemoved: entry.exceptionsRemoved ?? [],
    correction: entry.correction ?? null,
    supersededBy,
    recordedAt: event.recordedAt,
    recordedBy: event.metadata.actor,
  };
}
