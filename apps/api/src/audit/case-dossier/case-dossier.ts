import { calendarDateOf, type Determination, type ReviewTrack } from '@app/domain';
import { verifyStreamChain, type IntegrityProblem, type RecordedEvent } from '@app/infra';
import type { CaseView } from '../../licence-applications/case-view/case-view';
import type { CountryEntryView } from '../../country-policy/register/country-view';
import type { ReevaluationRunView } from '../../reevaluation/reevaluation-runs/reevaluation-runs.read-model';
import type { AnchorView } from '../get-anchor/current-anchor';
import type { ReplayStep } from '../case-replay/case-replay';
import { eventAuditFields, type EventAuditFields } from '../event-audit-fields';

/** One recorded event of the case, with its metadata and hash. */
export interface DossierEvent extends EventAuditFields {
  revision: number;
  position: string;
  id: string;
  data: unknown;
}

/** A step that set the case's determinations, with the register as it stood for that decision. */
export interface DeterminationRound {
  revision: number;
  eventType: string;
  recordedAt: string;
  actor: string;
  policyDate: string;
  reviewTrack: ReviewTrack;
  determinations: readonly Determination[];
  /** Each destination's register entry in force on `policyDate`, as the register knew it at `recordedAt`. */
  registerInForce: CountryEntryView[];
}

/** A step that recorded a decision on the case (approval, denial, return, withdrawal), with the register then. */
export interface DecisionRecord {
  revision: number;
  eventType: string;
  recordedAt: string;
  actor: string;
  decision: NonNullable<CaseView['decision']>;
  /** Each destination's register entry in force on the decision's day, as the register knew it at `recordedAt`. */
  registerInForce: CountryEntryView[];
}

/** A re-evaluation run that accounted for the case, with its outcome for it. */
export interface DossierReevaluation {
  reevaluationId: string;
  outcome: string;
  run: ReevaluationRunView | null;
}

export interface CaseDossier {
  applicationId: string;
  generatedAt: string;
  case: CaseView;
  events: DossierEvent[];
  determinationRounds: DeterminationRound[];
  decision: CaseView['decision'];
  /** Every step that recorded a decision, oldest first. */
  decisions: DecisionRecord[];
  referrals: CaseView['referrals'];
  licence: CaseView['licence'];
  reevaluations: DossierReevaluation[];
  integrity: { chainOk: boolean; problems: IntegrityProblem[]; anchor: AnchorView };
}

export interface DossierSources {
  readonly generatedAt: string;
  readonly events: readonly RecordedEvent[];
  readonly steps: readonly ReplayStep[];
  readonly registerAt: (countryCode: string, asOf: string, knownAt: string) => Promise<CountryEntryView>;
  readonly reevaluations: readonly DossierReevaluation[];
  readonly anchor: AnchorView;
}

/** Assembles the dossier. Determination rounds come from the replay, so any event that sets them is included. */
export async function buildCaseDossier(applicationId: string, sources: DossierSources): Promise<CaseDossier> {
  const last = sources.steps[sources.steps.length - 1];
  const rounds: DeterminationRound[] = [];
  for (const step of sources.steps) {
    if (!step.changes.some((change) => change.field === 'determinations')) continue;
    const countries = [...new Set(step.state.determinations.map((determination) => determination.country))];
    rounds.push({
      revision: step.revision,
      eventType: step.type,
      recordedAt: step.recordedAt,
      actor: step.actor,
      policyDate: step.state.policyDate,
      reviewTrack: step.state.reviewTrack,
      determinations: step.state.determinations,
      registerInForce: await Promise.all(countries.map((country) => sources.registerAt(country, step.state.policyDate, step.recordedAt))),
    });
  }
  const decisions: DecisionRecord[] = [];
  for (const step of sources.steps) {
    const decision = step.state.decision;
    if (decision === null || !step.changes.some((change) => change.field === 'decision')) continue;
    const countries = [...new Set(step.state.parties.map((party) => party.country))];
    decisions.push({
      revision: step.revision,
      eventType: step.type,
      recordedAt: step.recordedAt,
      actor: step.actor,
      decision,
      registerInForce: await Promise.all(countries.map((country) => sources.registerAt(country, calendarDateOf(step.recordedAt), step.recordedAt))),
    });
  }
  const problems = verifyStreamChain(sources.events);
  return {
    applicationId,
    generatedAt: sources.generatedAt,
    case: last.state,
    events: sources.events.map((event) => ({
      revision: Number(event.revision),
      position: event.position,
      id: event.id,
      ...eventAuditFields(event),
      data: event.data,
    })),
    determinationRounds: rounds,
    decision: last.state.decision,
    decisions,
    referrals: last.state.referrals,
    licence: last.state.licence,
    reevaluations: [...sources.reevaluations],
    integrity: { chainOk: problems.length === 0, problems, anchor: sources.anchor },
  };
}
