import { isListed } from '../country-policy/policy-status';
import { countryInSnapshot, type PolicySnapshot } from '../country-policy/policy-snapshot';
import type {
  EndUseCode,
  LicenceType,
  Party,
  PartyRole,
  UsmlCategory,
} from '../licence-application/licence-application.types';
import { congressionalNotification } from './congressional-notification.rule';
import { determineDestination } from './determine-destination';
import type { Determination, PolicyEvaluation, ReviewTrack } from './determination';

export interface EvaluationInput {
  readonly licenceType: LicenceType;
  readonly parties: readonly Party[];
  readonly endUseCodes: readonly EndUseCode[];
  readonly valueUsd: number;
  readonly majorDefenseEquipment: boolean;
  readonly usmlCategories: readonly UsmlCategory[];
}

/**
 * Evaluates a case against the register in force. Every foreign party's country is a destination with
 * its own determination (a §126.1 re-check runs on every party's country, not only the ultimate
 * destination); the case's review track is the most restrictive of them.
 */
export function evaluatePolicy(input: EvaluationInput, snapshot: PolicySnapshot): PolicyEvaluation {
  const determinations = destinations(input.parties).map(([country, roles]) =>
    determineDestination(countryInSnapshot(snapshot, country), roles, input.endUseCodes),
  );
  return {
    determinations,
    reviewTrack: mostRestrictive(determinations),
    // §126.1(e): proposals or transfers involving a listed country must be reported to DDTC.
    notificationDuty126_1e: determinations.some((determination) => isListed(determination.policyStatus)),
    congressionalNotification: congressionalNotification({
      licenceType: input.licenceType,
      destinations: determinations.map((determination) => determination.country),
      valueUsd: input.valueUsd,
      majorDefenseEquipment: input.majorDefenseEquipment,
      usmlCategories: input.usmlCategories,
    }),
  };
}

export function mostRestrictive(determinations: readonly Determination[]): ReviewTrack {
  return determinations.some((determination) => determination.track === 'policy-of-denial')
    ? 'policy-of-denial'
    : 'case-by-case';
}

/** Distinct party countries in first-seen order, each with the roles its parties play. */
function destinations(parties: readonly Party[]): Array<[string, PartyRole[]]> {
  const byCountry = new Map<string, PartyRole[]>();
  for (const party of parties) {
    const roles = byCountry.get(party.country) ?? [];
    if (!roles.includes(party.role)) roles.push(party.role);
    byCountry.set(party.country, roles);
  }
  return [...byCountry.entries()];
}
