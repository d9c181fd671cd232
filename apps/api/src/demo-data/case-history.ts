import { LicenceApplication, licenceApplicationStream, type CaseStatus, type PolicySnapshot } from '@app/domain';
import type { AggregateRepository, NewEvent, StreamAppend } from '@app/infra';
import { LICENCE_EXPIRY_ACTOR } from '../licence-applications/expire-licences/licence-expiry.scheduler';
import type { CaseSketch, Step } from './case-sketch';
import { validUntilOf } from './case-timeline';
import { dateOf, dayNumberOf, type DayNumber } from './day-numbers';
import type { SeededRandom } from './seeded-random';

/** One generated case: its stream's append and where it ended. */
export interface CaseHistory {
  readonly append: StreamAppend;
  readonly status: CaseStatus;
}

/** What a case's history needs besides its sketch. */
export interface HistoryInputs {
  readonly applicationId: string;
  /** The case's number in the caseload: its events' ids sort by it (SeededRandom.orderedUuid). */
  readonly caseNumber: number;
  readonly submittedOn: DayNumber;
  /** The register in force on the submission day. */
  readonly policy: PolicySnapshot;
  readonly today: DayNumber;
}

/**
 * Plays a sketched case through the aggregate, as the server's commands would: every event is decided by the domain
 * (submit against the register of the submission day, then assign, refer, answer, approve, deny, return, withdraw,
 * suspend, revoke and expire), and every command's events carry its own actor and correlation id. A case the
 * submission put on the policy-of-denial track (22 CFR §126.1(a), (d)) cannot be approved: it is denied instead.
 */
export function playCase(random: SeededRandom, sketch: CaseSketch, inputs: HistoryInputs, repository: AggregateRepository): CaseHistory {
  const { applicationId } = inputs;
  const streamName = licenceApplicationStream(applicationId);
  const application = new LicenceApplication(applicationId);
  const events: NewEvent[] = [];
  const record = (actor: string) => {
    const pending = application.getUncommittedEvents().length;
    const eventIds = Array.from({ length: pending }, (_, offset) => random.orderedUuid(inputs.caseNumber, events.length + offset));
    const append = repository.pendingAppend(streamName, application, { actor, correlationId: random.uuid(), causationId: null }, eventIds);
    if (append !== null) events.push(...append.events);
    application.commit();
  };
  const clock = new BusinessHours(random);

  application.submit({
    applicationId,
    licenceType: sketch.licenceType,
    applicant: sketch.applicant,
    usmlCategories: sketch.usmlCategories,
    valueUsd: sketch.valueUsd,
    majorDefenseEquipment: sketch.majorDefenseEquipment,
    endUseCodes: sketch.endUseCodes,
    description: sketch.description,
    parties: sketch.parties,
    submittedAt: clock.on(inputs.submittedOn),
    submittedBy: sketch.submittedBy,
    policy: inputs.policy,
  });
  record(sketch.submittedBy);

  for (const step of sketch.steps) {
    const at = clock.on(inputs.submittedOn + step.day);
    if (step.kind === 'approve' && application.state!.reviewTrack === 'policy-of-denial') {
      application.deny({ applicationId, reason: 'Contrary to the policy of denial of 22 CFR 126.1', at, by: step.by });
      record(step.by);
      break;
    }
    apply(application, step, at, inputs.submittedOn);
    record(step.by);
  }

  // A licence still live after its last valid day was expired by the server's daily expiry run.
  const state = application.state!;
  if ((state.status === 'approved' || state.status === 'suspended') && dayNumberOf(state.licence!.validUntil) < inputs.today) {
    const expiredOn = dateOf(dayNumberOf(state.licence!.validUntil) + 1);
    application.expire({ applicationId, today: expiredOn, at: `${expiredOn}T00:00:30.000Z`, by: LICENCE_EXPIRY_ACTOR });
    record(LICENCE_EXPIRY_ACTOR);
  }
  return { append: { streamName, events, expectedRevision: 'no-stream' }, status: application.state!.status };
}

function apply(application: LicenceApplication, step: Step, at: string, submittedOn: DayNumber): void {
  const applicationId = application.id;
  const { by } = step;
  switch (step.kind) {
    case 'assign':
      return application.assign({ applicationId, officerId: step.officerId, at, by });
    case 'refer':
      return application.refer({ applicationId, agency: step.agency, at, by });
    case 'answer':
      return application.answerReferral({ applicationId, agency: step.agency, recommendation: step.recommendation, provisos: step.provisos, at, by });
    case 'approve': {
      const approvedOn = submittedOn + step.day;
      const validUntil = step.term.kind === 'days' ? dateOf(validUntilOf(application.state!.licenceType, step.term, approvedOn)) : undefined;
      return application.approve({ applicationId, provisos: step.provisos, ...(validUntil ? { validUntil } : {}), at, by });
    }
    case 'deny':
      return application.deny({ applicationId, reason: step.reason, at, by });
    case 'return':
      return application.returnWithoutAction({ applicationId, reason: step.reason, at, by });
    case 'withdraw':
      return application.withdraw({ applicationId, reason: step.reason, at, by });
    case 'suspend':
      return application.suspend({ applicationId, reason: step.reason, at, by });
    case 'revoke':
      return application.revoke({ applicationId, reason: step.reason, at, by });
  }
}

/** Instants in office hours on the US east coast (13:00–21:59 UTC), always later than the previous one. */
class BusinessHours {
  private last = '';

  constructor(private readonly random: SeededRandom) {}

  on(day: DayNumber): string {
    const minute = this.random.int(13 * 60, 22 * 60 - 1);
    let instant = `${dateOf(day)}T${pad(Math.floor(minute / 60))}:${pad(minute % 60)}:${pad(this.random.int(0, 59))}.000Z`;
    if (instant <= this.last) instant = new Date(Date.parse(this.last) + this.random.int(2, 90) * 60_000).toISOString();
    this.last = instant;
    return instant;
  }
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
