import { randomUUID } from 'node:crypto';
import {
  COUNTRY_POLICY_CATEGORY,
  COUNTRY_STATUS_CHANGED,
  LICENCE_APPLICATION_CATEGORY,
  LICENCE_APPLICATION_SUBMITTED,
  REEVALUATION_CATEGORY,
  type Citation,
  type CountryStatusChanged,
  type ExceptionCode,
  type LicenceApplicationSubmitted,
  type PolicyStatus,
  type ReevaluationRunEvent,
  type RegisterCorrection,
} from '@app/domain';
import { aCase, RunHistory } from '@app/domain/testing/domain-builders';
import type { Position, RecordedEvent } from '@app/infra';
import type { SpecifiedEvent } from '@app/infra/projections/testing';

/** Events of the `reevaluations` projection's tests: changes of the register, runs' events and submissions. */

export const CITATION: Citation = { frCitation: '90 FR 1', frDocument: '2025-00001', publishedOn: '2025-11-07', title: null, notes: null };

/** A recorded change of the register, with the id and instant the log gave it. */
export type RecordedChange = SpecifiedEvent & { readonly id: string; readonly recordedAt: string };

export interface ChangeSpec {
  readonly policyVersion: number;
  readonly from: PolicyStatus;
  readonly to: PolicyStatus;
  readonly effectiveOn: string;
  readonly suspendedUntil?: string;
  readonly statusAfterSuspension?: PolicyStatus;
  readonly exceptionsRemoved?: readonly ExceptionCode[];
  readonly correction?: RegisterCorrection;
}

let clock = Date.parse('2026-01-05T09:00:00.000Z');
const nextInstant = () => new Date((clock += 1_000)).toISOString();

/** A CountryStatusChanged as the register records it, with the fields the example is about. */
export function change(countryCode: string, spec: ChangeSpec): RecordedChange {
  const event: CountryStatusChanged = {
    type: COUNTRY_STATUS_CHANGED,
    data: {
      countryCode,
      countryName: countryCode,
      policyVersion: spec.policyVersion,
      from: spec.from,
      to: spec.to,
      paragraph: null,
      exceptions: [],
      suspendedUntil: spec.suspendedUntil ?? null,
      statusAfterSuspension: spec.statusAfterSuspension ?? null,
      citation: CITATION,
      effectiveOn: spec.effectiveOn,
      announcedOn: null,
      reason: 'test',
      unconfirmed: [],
      exceptionsRemoved: spec.exceptionsRemoved ?? [],
      correction: spec.correction ?? null,
    },
  };
  return { streamName: `${COUNTRY_POLICY_CATEGORY}-${countryCode}`, ...event, id: randomUUID(), recordedAt: nextInstant() };
}

/** A correction of the register's history: it restates `status` as of `effectiveOn`, or withdraws a version. */
export const correctionOf = (countryCode: string, policyVersion: number, status: PolicyStatus, effectiveOn: string, correction: RegisterCorrection) =>
  change(countryCode, { policyVersion, from: status, to: status, effectiveOn, correction });

/**
 * Cyprus's policy of denial suspended for one fiscal year (22 CFR §126.1(r)): not listed from `effectiveOn` until
 * `suspendedUntil`, denial with exceptions again after it unless renewed.
 */
export const cyprusSuspension = (policyVersion: number, from: PolicyStatus, effectiveOn: string, suspendedUntil: string) =>
  change('CY', { policyVersion, from, to: 'not-listed', effectiveOn, suspendedUntil, statusAfterSuspension: 'denial-with-exceptions' });

/** A run's events as the domain's decisions recorded them, in its stream. */
export const runEvents = (events: readonly ReevaluationRunEvent[]): Array<SpecifiedEvent & { readonly recordedAt: string }> =>
  events.map((event) => ({ streamName: `${REEVALUATION_CATEGORY}-${event.data.reevaluationId}`, ...event, recordedAt: nextInstant() }));

/** The run of `reevaluationId`, started (`total` cases to re-evaluate) by the domain's decision. */
export const runStarted = (reevaluationId: string, total: number) => RunHistory.notStarted().started({ reevaluationId, total });

/** A submission as the domain records it, with the determinations (country and policy version) the example is about. */
export function submission(applicationId: string, policyDate: string, determinations: Array<{ country: string; policyVersion: number }>): SpecifiedEvent {
  const [submitted] = aCase({ applicationId }).events as [LicenceApplicationSubmitted];
  const [template] = submitted.data.determinations;
  const event: LicenceApplicationSubmitted = {
    type: LICENCE_APPLICATION_SUBMITTED,
    data: { ...submitted.data, policyDate, determinations: determinations.map((determination) => ({ ...template!, ...determination })) },
  };
  return { streamName: `${LICENCE_APPLICATION_CATEGORY}-${applicationId}`, ...event };
}

const META = { actor: 'test', correlationId: 'corr', causationId: null, schemaVersion: 1 };

/** The log as the event store records it: each event with its revision in its stream and its global position. */
export function recordLog(events: readonly SpecifiedEvent[]): RecordedEvent[] {
  const revisions = new Map<string, bigint>();
  return events.map((event, index) => {
    const revision = (revisions.get(event.streamName) ?? -1n) + 1n;
    revisions.set(event.streamName, revision);
    const sequence = index + 1;
    return {
      id: event.id ?? `00000000-0000-4000-9000-${String(sequence).padStart(12, '0')}`,
      streamName: event.streamName,
      type: event.type,
      data: event.data as Readonly<Record<string, unknown>>,
      metadata: META,
      revision,
      position: String(sequence) as Position,
      recordedAt: event.recordedAt ?? new Date(Date.parse('2026-01-05T09:00:00.000Z') + sequence * 1_000).toISOString(),
      hash: '',
    };
  });
}
