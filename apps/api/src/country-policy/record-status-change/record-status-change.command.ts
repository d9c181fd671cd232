import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  countryPolicyStream,
  CountryPolicy,
  type CountryPolicyState,
  type CountryStatusChangedData,
  type RecordCountryStatusChange,
} from '@app/domain';
import { AggregateRepository, runStreamCommand, type CommandContext } from '@app/infra';
import { reevaluationIdFor } from '../../reevaluation/reevaluation-ids';
import { ID_GENERATOR, nameBasedUuid, type IdGenerator } from '../../shared/ids';
import { idempotencyName, type RequestIdempotency } from '../../shared/idempotency/request-idempotency';
import { READ_MODEL_SYNC, type ReadModelSync } from '../../shared/read-model-sync';
import type { RecordStatusChangeRequest } from './record-status-change.request.dto';
import type { RecordedStatusChange } from './record-status-change.response';

export class RecordStatusChangeCommand extends Command<RecordedStatusChange> {
  constructor(
    /** ISO 3166-1 alpha-2, upper case. */
    readonly countryCode: string,
    readonly request: RecordStatusChangeRequest,
    readonly context: CommandContext,
    /** Present when the request carries an Idempotency-Key: the event id is derived from it. */
    readonly idempotency?: RequestIdempotency,
  ) {
    super();
  }
}

const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });

/**
 * Records a change to a country's §126.1 entry (22 CFR §126.1) through {@link runStreamCommand}: load the country's
 * stream, decide in the aggregate, append with the loaded revision as the expected one. Another administrator
 * recording a change for the same country in between makes the append fail; the change is then decided again on
 * the fresh entries (it may now be out of order). Then it waits for the read models, so that a read right after the
 * answer sees the change. The re-evaluation it triggers is run by the process manager from the log.
 */
@CommandHandler(RecordStatusChangeCommand)
export class RecordStatusChangeHandler implements ICommandHandler<RecordStatusChangeCommand> {
  constructor(
    @Inject(AggregateRepository) private readonly repository: AggregateRepository,
    @Inject(ID_GENERATOR) private readonly newId: IdGenerator,
    @Inject(READ_MODEL_SYNC) private readonly readModels: ReadModelSync,
  ) {}

  async execute({ countryCode, request, context, idempotency }: RecordStatusChangeCommand): Promise<RecordedStatusChange> {
    // Under an Idempotency-Key the event id is derived from (user, route, key): should the stored response be
    // lost (a crash between the append and its recording), the retry finds its own event in the stream and
    // answers it again instead of recording the change twice.
    const changeId = idempotency ? nameBasedUuid(idempotencyName(idempotency)) : this.newId();
    const { aggregate, result: earlier, saved } = await runStreamCommand(this.repository, {
      stream: countryPolicyStream(countryCode),
      create: () => new CountryPolicy(countryCode),
      context,
      decide: (policy, loaded) => {
        const recorded = loaded.events.find((event) => event.id === changeId);
        if (recorded === undefined) policy.recordStatusChange(toDomainCommand(countryCode, request, policy.state));
        return recorded;
      },
      eventIds: () => [changeId],
    });
    if (earlier !== undefined) {
      await this.readModels.waitForPosition(earlier.position);
      return accepted(changeId, countryCode, earlier.data as unknown as CountryStatusChangedData, earlier.recordedAt);
    }
    if (saved === null) throw new Error(`Recording change ${changeId} of ${countryCode} appended nothing`);
    await this.readModels.waitForPosition(saved.position);
    // The aggregate has folded the new event: its last entry is the change as stored.
    return accepted(changeId, countryCode, aggregate.state.entries.at(-1)!, saved.recordedAt);
  }
}

function toDomainCommand(
  countryCode: string,
  request: RecordStatusChangeRequest,
  state: CountryPolicyState,
): RecordCountryStatusChange {
  const { citation } = request;
  return {
    countryCode,
    // Else the name already recorded (the stream's latest entry, which the register shows too), else the ISO name.
    countryName: request.countryName ?? state.entries.at(-1)?.countryName ?? REGION_NAMES.of(countryCode) ?? countryCode,
    status: request.status,
    paragraph: request.paragraph ?? null,
    exceptions: request.exceptions ?? [],
    suspendedUntil: request.suspendedUntil ?? null,
    statusAfterSuspension: request.statusAfterSuspension ?? null,
    citation: {
      frCitation: citation.frCitation ?? null,
      frDocument: citation.frDocument,
      publishedOn: citation.publishedOn,
      title: citation.title ?? null,
      notes: citation.notes ?? null,
    },
    effectiveOn: request.effectiveOn,
    announcedOn: request.announcedOn ?? null,
    reason: request.reason,
    // Facts a policy administrator records from the Federal Register are confirmed by that document.
    unconfirmed: [],
  };
}

function accepted(
  changeId: string,
  countryCode: string,
  change: CountryStatusChangedData,
  recordedAt: string,
): RecordedStatusChange {
  return {
    changeId,
    reevaluationId: reevaluationIdFor(changeId),
    countryCode,
    policyVersion: change.policyVersion,
    from: change.from,
    to: change.to,
    effectiveOn: change.effectiveOn,
    recordedAt,
    reevaluationStatus: 'scheduled',
  };
}
