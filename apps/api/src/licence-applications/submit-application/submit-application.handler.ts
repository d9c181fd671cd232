import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { calendarDateOf, LicenceApplication, licenceApplicationStream } from '@app/domain';
import { AggregateRepository } from '@app/infra';
import { PolicyRegisterReadModel } from '../../country-policy/register/policy-register.read-model';
import { CLOCK, type Clock } from '../../shared/clock/clock';
import { ID_GENERATOR, type IdGenerator } from '../../shared/ids';
import { loadCaseView } from '../case-view/load-case';
import type { CaseView } from '../case-view/case-view';
import { SubmitApplicationCommand } from './submit-application.command';

/**
 * Opens a case: fetch what the decision needs first (a new id, the clock, the register in force today),
 * then decide in the aggregate and append with `no-stream`.
 */
@CommandHandler(SubmitApplicationCommand)
export class SubmitApplicationHandler implements ICommandHandler<SubmitApplicationCommand> {
  constructor(
    @Inject(AggregateRepository) private readonly repository: AggregateRepository,
    private readonly register: PolicyRegisterReadModel,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly newId: IdGenerator,
  ) {}

  async execute({ request, context }: SubmitApplicationCommand): Promise<CaseView> {
    const applicationId = this.newId();
    const now = this.clock.now().toISOString();
    const policy = await this.register.snapshot(calendarDateOf(now));

    const application = new LicenceApplication(applicationId);
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
    });
    await this.repository.save(licenceApplicationStream(applicationId), application, context);
    return loadCaseView(this.repository, applicationId);
  }
}
