import type { EventStore } from '@app/infra';
import type { Clock } from '../../shared/clock/clock';
import type { ReadModels } from '../../shared/read-models/read-models.service';
import { countryEntryView } from '../../country-policy/register/country-view';
import { recordKnownAt } from '../../country-policy/register/known-at';
import type { PolicyRegisterReadModel } from '../../country-policy/register/policy-register.read-model';
import { caseRunsQuery } from '../../reevaluation/reevaluation-runs/reevaluation-runs.read-model';
import { replayCase } from '../case-replay/case-replay';
import { loadCaseEvents } from '../case-replay/load-case-events';
import { currentAnchor } from '../get-anchor/current-anchor';
import { buildCaseDossier, type CaseDossier, type DossierReevaluation } from './case-dossier';

/** Gathers a dossier's sources: the case stream, the register, the re-evaluation runs and the log's anchor. */
export class CaseDossierService {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly register: PolicyRegisterReadModel,
    private readonly readModels: ReadModels,
  ) {}

  async build(applicationId: string): Promise<CaseDossier> {
    const events = await loadCaseEvents(this.store, applicationId);
    await this.readModels.refresh();
    return buildCaseDossier(applicationId, {
      generatedAt: this.clock.now().toISOString(),
      events,
      steps: replayCase(applicationId, events),
      registerAt: async (countryCode, asOf, knownAt) =>
        countryEntryView(countryCode, recordKnownAt(await this.register.country(countryCode), knownAt), asOf, knownAt),
      reevaluations: await this.runsOf(applicationId),
      anchor: await currentAnchor(this.store, this.clock),
    });
  }

  /** Every run that accounted for the case (changed, flagged, unchanged…), from the re-evaluation projection. */
  private runsOf(applicationId: string): Promise<DossierReevaluation[]> {
    return this.readModels.query(caseRunsQuery(applicationId));
  }
}
