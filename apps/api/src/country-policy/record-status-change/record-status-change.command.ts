import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  countryPolicyStream,
  CountryPolicy,
  type CountryPolicyState,
  type CountryStatusChangedData,
  type RecordCountryStatusChange,
} from '@app/domain';
import {
  AggregateRepository,
  WrongExpectedVersionError,
  type CommandContext,
  type RecordedEvent,
  type SaveResult,
} from '@app/infra';
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

/**
 * Another administrator recording a change for the same country between our load and our append makes the
 * append fail; the change is then decided again on the fresh entries (it may now be out of order). The bound
 * only guards against a pathological hot stream.
 */
const MAX_ATTEMPTS = 5;

const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });

/**
 * Records a change to a country's §126.1 entry: load the country's stream, decide in the aggregate, append
 * with the loaded revision as the expected one, then wait for the read models so that a read right after the
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
    const stream = countryPolicyStream(countryCode);
    for (let attempt = 1; ; attempt += 1) {
      const { aggregate, events } = await this.repository.load(stream, () => new CountryPolicy(countryCode));
      const earlier = events.find((event) => event.id === changeId);
      if (earlier !== undefined) return this.answerRecorded(changeId, countryCode, earlier);

      aggregate.recordStatusChange(toDomainCommand(countryCode, request, aggregate.state));
      let saved: SaveResult;
      try {
        saved = await this.repository.save(stream, aggregate, context, [changeId]);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt >= MAX_ATTEMPTS) throw error;
        continue;
      }
      await this.readModels.waitForPosition(saved.position);
      // The aggregate has folded the new event: its last entry is the change as stored.
      const change = aggregate.state.entries.at(-1)!;
      return accepted(changeId, countryCode, change, saved.recordedAt);
    }
  }

  private async answerRecorded(changeId: string, countryCode: string, event: RecordedEvent): Promise<RecordedStatusChange> {
    await this.readModels.waitForPosition(event.position);
    return accepted(changeId, countryCode, event.data as unknown as CountryStatusChangedData, event.recordedAt);
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
