import { randomUUID } from 'node:crypto';
import {
  buildPolicySnapshot,
  decideAnswerReferral,
  decideApprove,
  decideAssign,
  decideCountryStatusChange,
  decideDeny,
  decideExpire,
  decideRefer,
  decideReturnWithoutAction,
  decideRevoke,
  decideSubmit,
  decideSuspend,
  decideWithdraw,
  evolveCountryPolicy,
  evolveLicenceApplication,
  initialCountryPolicyState,
  licenceApplicationStream,
  SECTION_126_1_SEED,
  type CountryPolicyState,
  type DomainEvent,
  type LicenceApplicationEvent,
  type LicenceApplicationState,
  type PolicySnapshot,
} from '@app/domain';
import type { NewEvent } from '@app/infra';

/** The seeded §126.1 register as in force on `date`, folded through the real decisions. */
export function seededSnapshot(date: string): PolicySnapshot {
  const register: Record<string, CountryPolicyState> = {};
  for (const { change } of SECTION_126_1_SEED) {
    const state = register[change.countryCode] ?? initialCountryPolicyState;
    register[change.countryCode] = decideCountryStatusChange(state, change).reduce(evolveCountryPolicy, state);
  }
  return buildPolicySnapshot(register, date);
}

/** Case-by-case destinations (Cambodia is delisted since 2025-11-07), so every case can be approved. */
const DESTINATIONS = ['FR', 'DE', 'GB', 'JP', 'AU', 'KH', 'NO', 'PL'];
const OFFICERS = ['officer-ana', 'officer-ben', 'officer-cho', 'officer-dev'];
const MINUTE = 60_000;
const DAY = 86_400_000;
const FIRST_SUBMISSION = Date.parse('2025-11-08T09:00:00.000Z');

/**
 * When each step of a lifecycle happens, in days after the submission. A step's slot is the same for every case,
 * so the steps of one slot come in submission order (see {@link timeOrderedLog}).
 */
const SLOT_DAYS = [0, 2, 4, 11, 16, 30, 50] as const;

/** One step of a case: its slot in {@link SLOT_DAYS} and the events it records. */
export interface CaseStep {
  readonly slot: number;
  readonly events: readonly LicenceApplicationEvent[];
}

/**
 * The steps of case number `index`, produced by the real decisions so the payloads are those the server records.
 * Most cases go submitted → assigned → referred → answered → approved; one in ten is denied, one in twenty is
 * returned without action, one in twenty withdrawn, and of the approved licences some are later suspended,
 * revoked or expire.
 */
export function caseLifecycle(index: number, policy: PolicySnapshot): { id: string; steps: CaseStep[] } {
  const id = randomUUID();
  const submitted = FIRST_SUBMISSION + index * MINUTE;
  const at = (slot: number) => new Date(submitted + SLOT_DAYS[slot]! * DAY).toISOString();
  const officer = OFFICERS[index % OFFICERS.length]!;
  let state: LicenceApplicationState = null;
  const steps: CaseStep[] = [];
  const step = <C>(slot: number, decide: (s: LicenceApplicationState, c: C) => readonly LicenceApplicationEvent[], command: C) => {
    const events = decide(state, command);
    state = events.reduce(evolveLicenceApplication, state);
    steps.push({ slot, events });
  };
  step(0, decideSubmit, {
    applicationId: id,
    licenceType: 'DSP-5',
    applicant: { name: `Contractor ${index % 97} LLC`, registrationCode: `M${10000 + (index % 97)}` },
    usmlCategories: ['XI', 'XII'],
    valueUsd: 50_000 + (index % 50) * 10_000,
    majorDefenseEquipment: false,
    endUseCodes: [],
    description: 'Radar spare parts and test equipment',
    parties: [
      { role: 'end-user', name: 'Ministry of Defence', country: DESTINATIONS[index % DESTINATIONS.length]! },
      { role: 'intermediate-consignee', name: 'Freight GmbH', country: 'DE' },
    ],
    submittedAt: at(0),
    submittedBy: 'clerk-7',
    policy,
  });
  const variant = index % 20;
  const reason = 'Recorded by the benchmark';
  if (variant === 19) {
    step(2, decideReturnWithoutAction, { applicationId: id, reason, at: at(2), by: 'clerk-7' });
    return { id, steps };
  }
  step(1, decideAssign, { applicationId: id, officerId: officer, at: at(1), by: 'supervisor-1' });
  if (variant === 18) {
    step(2, decideWithdraw, { applicationId: id, reason, at: at(2), by: 'applicant' });
    return { id, steps };
  }
  step(2, decideRefer, { applicationId: id, agency: 'DTSA', at: at(2), by: officer });
  step(3, decideAnswerReferral, { applicationId: id, agency: 'DTSA', recommendation: 'approve', provisos: [], at: at(3), by: officer });
  if (variant >= 16) {
    step(4, decideDeny, { applicationId: id, reason, at: at(4), by: officer });
    return { id, steps };
  }
  // A short term for one licence in five, so some expire within the log.
  const validUntil = variant % 5 === 0 ? new Date(submitted + 40 * DAY).toISOString().slice(0, 10) : undefined;
  step(4, decideApprove, {
    applicationId: id,
    provisos: ['No re-export without prior written approval'],
    ...(validUntil ? { validUntil } : {}),
    at: at(4),
    by: officer,
  });
  if (variant === 1 || variant === 2) step(5, decideSuspend, { applicationId: id, reason, at: at(5), by: 'supervisor-1' });
  if (variant === 2 || variant === 3) step(6, decideRevoke, { applicationId: id, reason, at: at(6), by: 'supervisor-1' });
  if (validUntil && variant !== 0) {
    step(6, decideExpire, { applicationId: id, today: at(6).slice(0, 10), at: at(6), by: 'system:expiry' });
  }
  return { id, steps };
}

/** One append of a case's step: the stream and the events, in the order they happen. */
export interface TimedStep {
  readonly streamName: string;
  readonly events: readonly LicenceApplicationEvent[];
}

/**
 * Every step of cases `from` … `from + count - 1` in the order they happen (one submission a minute, each case's
 * later steps days after), as a live system records them: the cases interleave in the log. Steps of one slot
 * are already in time order, so the log is a merge of one queue per slot (no case's future is kept beyond its
 * last slot).
 */
export function* timeOrderedLog(from: number, count: number, policy: PolicySnapshot): Generator<TimedStep> {
  const queues: Array<Array<{ time: number; step: TimedStep }>> = SLOT_DAYS.map(() => []);
  const heads = SLOT_DAYS.map(() => 0);
  const earliest = (before: number): number => {
    let best = -1;
    for (let slot = 0; slot < queues.length; slot += 1) {
      const head = queues[slot]![heads[slot]!];
      if (head !== undefined && head.time < before && (best === -1 || head.time < queues[best]![heads[best]!]!.time)) best = slot;
    }
    return best;
  };
  const drain = function* (before: number): Generator<TimedStep> {
    for (let slot = earliest(before); slot !== -1; slot = earliest(before)) {
      const queue = queues[slot]!;
      yield queue[heads[slot]!]!.step;
      heads[slot]! += 1;
      // Drop what was yielded now and then, so a long log keeps only the steps still to come.
      if (heads[slot]! > 1024) {
        queues[slot] = queue.slice(heads[slot]);
        heads[slot] = 0;
      }
    }
  };
  for (let index = from; index < from + count; index += 1) {
    const submitted = FIRST_SUBMISSION + index * MINUTE;
    yield* drain(submitted);
    const { id, steps } = caseLifecycle(index, policy);
    const streamName = licenceApplicationStream(id);
    for (const { slot, events } of steps) {
      const step = { streamName, events };
      if (slot === 0) yield step;
      else queues[slot]!.push({ time: submitted + SLOT_DAYS[slot]! * DAY, step });
    }
  }
  yield* drain(Number.POSITIVE_INFINITY);
}

/** A domain event as the server appends it, with the metadata every event carries. */
export function toNewEvent(event: DomainEvent, actor = 'bench'): NewEvent {
  return {
    id: randomUUID(),
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: { actor, correlationId: randomUUID(), causationId: null, schemaVersion: 1 },
  };
}
