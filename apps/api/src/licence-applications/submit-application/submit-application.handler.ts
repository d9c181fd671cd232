import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { calendarDateOf, LicenceApplication, licenceApplicationStream } from '@app/domain';
import { AggregateRepository, runStreamCommand } from '@app/infra';
import { PolicyRegisterReadModel } from '../../country-policy/register/policy-register.read-model';
import { CLOCK, type Clock } from '../../shared/clock/clock';
import { ID_GENERATOR, nameBasedUuid, type IdGenerator } from '../../shared/ids';
import { idempotencyName } from '../../shared/idempotency/request-idempotency';
import { READ_MODEL_SYNC, type ReadModelSync } from '../../shared/read-model-sync';
import { caseView, type CaseView } from '../case-view/case-view';
import { SubmitApplicationCommand } from './submit-application.command';

/**
 * Opens a case: fetch what the decision needs first (a new id, the clock, the register in force today), then
 * run the submission through {@link runStreamCommand}: decide in the aggregate and append with `no-stream`.
 */
@CommandHandler(SubmitApplicationCommand)
export class SubmitApplicationHandler implements ICommandHandler<SubmitApplicationCommand> {
  constructor(
    @Inject(AggregateRepository) private readonly repository: AggregateRepository,
    private readonly register: PolicyRegisterReadModel,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly newId: IdGenerator,
    @Inject(READ_MODEL_SYNC) private readonly readModels: ReadModelSync,
  ) {}

  async execute({ request, context, idempotency }: SubmitApplicationCommand): Promise<CaseView> {
    // Under an Idempotency-Key the id is derived from (user, route, key): should the stored response be
    // lost (a crash between the append and its recording), a retry addresses the same stream and is
    // refused (409 ALREADY_SUBMITTED) instead of opening a second case. A fresh random id needs no read.
    const applicationId = idempotency ? nameBasedUuid(idempotencyName(idempotency)) : this.newId();
    const now = this.clock.now().toISOString();
    const policy = await this.register.snapshot(calendarDateOf(now));
    const { aggregate, saved } = await runStreamCommand(this.repository, {
      stream: licenceApplicationStream(applicationId),
      create: () => new LicenceApplication(applicationId),
      newStream: idempotency === undefined,
      context,
      decide: (application) =>
        application.submit({
          applicationId,
          licenceType: request.licenceType,
          applicant: { name: request.applicant.name, registrationCode: request.applicant.registrationCode },
          usmlCategories: request.usmlCategories,
          valueUsd: request.valueUsd,
          majorDefenseEquipment: request.majorDefenseEquipment ?? false,
          endUseCodes: request.endUseCodes ?? [],
          description: request.description,
          parties: request.parties.map(({ role, name, country }) => ({ role, name, country })),
          submittedAt: now,
          submittedBy: context.actor,
          policy,
        }),
    });
    // The decider records the submission or refuses it: appending nothing would be a bug, not an answer.
    if (saved === null) throw new Error(`Submitting application ${applicationId} appended nothing`);
    await this.readModels.waitForPosition(saved.position);
    // The aggregate has folded the new event: its state is the case as stored, no re-read needed.
    return caseView(aggregate.state!, saved.nextExpectedRevision, saved.recordedAt);
  }
}
