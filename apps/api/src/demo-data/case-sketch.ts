import type { LicenceType, Party, ReferralRecommendation, SubmitLicenceApplication } from '@app/domain';
import {
  AGENCIES,
  APPLICANTS,
  CASE_OFFICERS,
  COMMODITIES,
  DENIAL_REASONS,
  DESTINATIONS,
  governmentEndUsers,
  HUB_COUNTRIES,
  INTAKE_CLERKS,
  LICENCE_TYPE_SHARES,
  PROVISOS,
  RETURN_REASONS,
  REVOCATION_REASONS,
  SUPERVISORS,
  SUSPENSION_REASONS,
  WITHDRAWAL_REASONS,
  type Destination,
} from './catalogue';
import type { SeededRandom } from './seeded-random';

/** Where a generated case stands today. `expired`: an approved licence that ran past its term. */
export const TARGET_STATES = [
  'submitted',
  'under-review',
  'referred',
  'approved',
  'expired',
  'suspended',
  'revoked',
  'denied',
  'returned-without-action',
  'withdrawn',
] as const;
export type TargetState = (typeof TARGET_STATES)[number];

export const PENDING_TARGETS: ReadonlyArray<readonly [TargetState, number]> = [
  ['submitted', 22],
  ['under-review', 48],
  ['referred', 30],
];

export const DECIDED_TARGETS: ReadonlyArray<readonly [TargetState, number]> = [
  ['approved', 40],
  ['expired', 14],
  ['suspended', 2],
  ['revoked', 2],
  ['denied', 7],
  ['returned-without-action', 16],
  ['withdrawn', 19],
];

/** A licence term: the licence type's maximum (DSP licences), or a number of days (agreements, shorter DSP terms). */
export type Term = { readonly kind: 'maximum' } | { readonly kind: 'days'; readonly days: number };

/** One officer action, `day` days after the submission (steps are in day order). */
export type Step = { readonly day: number; readonly by: string } & (
  | { readonly kind: 'assign'; readonly officerId: string }
  | { readonly kind: 'refer'; readonly agency: string }
  | { readonly kind: 'answer'; readonly agency: string; readonly recommendation: ReferralRecommendation; readonly provisos: readonly string[] }
  | { readonly kind: 'approve'; readonly provisos: readonly string[]; readonly term: Term }
  | { readonly kind: 'deny' | 'return' | 'withdraw' | 'suspend' | 'revoke'; readonly reason: string }
);

/** A case before it is placed in time: the application, and its lifecycle in days after submission. */
export interface CaseSketch
  extends Omit<SubmitLicenceApplication, 'applicationId' | 'submittedAt' | 'policy'> {
  readonly target: TargetState;
  readonly steps: readonly Step[];
  /** How long a pending case has waited since its last step, at most (days). */
  readonly waitDays: number;
}

const AGREEMENTS: readonly LicenceType[] = ['TAA', 'MLA', 'WDA'];

/** Draws a case that ends in `target`, with its end user in `destination` (drawn when not given). */
export function sketchCase(random: SeededRandom, target: TargetState, destination?: Destination): CaseSketch {
  const where = destination ?? random.weighted(DESTINATIONS.map((d) => [d, d.weight] as const));
  const licenceType = random.weighted(LICENCE_TYPE_SHARES);
  const commodity = random.weighted(COMMODITIES.map((c) => [c, c.weight] as const));
  const agreement = AGREEMENTS.includes(licenceType);
  const endUse = commodity.endUse && random.chance(commodity.endUse[1]) ? [commodity.endUse[0]] : [];
  const officer = `officer-${random.int(1, CASE_OFFICERS)}`;
  return {
    target,
    licenceType,
    applicant: random.pick(APPLICANTS),
    usmlCategories: commodity.categories,
    // Whole hundreds of dollars, spread log-uniformly over the commodity's range.
    valueUsd: Math.round(random.logUniform(...commodity.valueUsd) / 100) * 100,
    majorDefenseEquipment: random.chance(commodity.majorDefenseEquipment),
    endUseCodes: endUse,
    description: agreement ? `${licenceType === 'MLA' ? 'Manufacture abroad of' : 'Technical assistance and data for'} ${lowerFirst(commodity.description)}` : commodity.description,
    parties: partiesFor(random, where),
    submittedBy: `intake-${random.int(1, INTAKE_CLERKS)}`,
    steps: lifecycle(random, target, officer, licenceType),
    waitDays: target === 'submitted' ? 9 : target === 'under-review' ? 45 : 25,
  };
}

/** An end user in the destination; often a consignee, sometimes an intermediate consignee in a hub country. */
function partiesFor(random: SeededRandom, destination: Destination): Party[] {
  const government = random.chance(0.75);
  const endUser = government ? random.pick(governmentEndUsers(destination)) : random.pick(destination.industry);
  const parties: Party[] = [{ role: 'end-user', name: endUser, country: destination.code }];
  if (random.chance(0.55)) parties.push({ role: 'foreign-consignee', name: random.pick(destination.industry), country: destination.code });
  if (random.chance(0.15)) {
    const hubCode = random.pick(HUB_COUNTRIES.filter((code) => code !== destination.code));
    const hub = DESTINATIONS.find((d) => d.code === hubCode)!;
    parties.push({ role: 'intermediate-consignee', name: random.pick(hub.industry), country: hub.code });
  }
  return parties;
}

/** The steps that take a case to `target`, each a realistic number of days after the previous one. */
function lifecycle(random: SeededRandom, target: TargetState, officerId: string, licenceType: LicenceType): Step[] {
  const steps: Step[] = [];
  let day = 0;
  const after = (min: number, max: number) => (day += random.int(min, max));
  const supervisor = `supervisor-${random.int(1, SUPERVISORS)}`;
  const assign = () => steps.push({ kind: 'assign', day: after(1, 6), by: supervisor, officerId });
  const staff = (answered: 'all' | 'some' | 'none', towardDenial: boolean) => {
    const agencies = random.some(AGENCIES, random.chance(0.3) ? 2 : 1);
    for (const agency of agencies) steps.push({ kind: 'refer', day: after(1, 8), by: officerId, agency });
    const answering = answered === 'all' ? agencies : answered === 'some' && agencies.length > 1 ? agencies.slice(0, 1) : [];
    for (const agency of answering) {
      const recommendation: ReferralRecommendation = towardDenial ? 'deny' : random.chance(0.4) ? 'approve-with-provisos' : 'approve';
      const provisos = recommendation === 'approve-with-provisos' ? random.some(PROVISOS, random.int(1, 2)) : [];
      // The case officer records the agency's answer (only case officers may).
      steps.push({ kind: 'answer', day: after(8, 35), by: officerId, agency, recommendation, provisos });
    }
  };
  const approve = () => {
    assign();
    if (random.chance(0.45)) staff('all', false);
    const provisos = steps.flatMap((step) => (step.kind === 'answer' ? step.provisos : []));
    steps.push({ kind: 'approve', day: after(3, 25), by: officerId, provisos: [...new Set(provisos)], term: termFor(random, licenceType) });
  };

  switch (target) {
    case 'submitted':
      break;
    case 'under-review':
      assign();
      if (random.chance(0.35)) staff('all', false);
      break;
    case 'referred':
      assign();
      staff(random.chance(0.3) ? 'some' : 'none', false);
      break;
    case 'approved':
    case 'expired':
      approve();
      break;
    case 'suspended':
      approve();
      steps.push({ kind: 'suspend', day: after(30, 600), by: supervisor, reason: random.pick(SUSPENSION_REASONS) });
      break;
    case 'revoked':
      approve();
      if (random.chance(0.5)) steps.push({ kind: 'suspend', day: after(30, 300), by: supervisor, reason: random.pick(SUSPENSION_REASONS) });
      steps.push({ kind: 'revoke', day: after(20, 300), by: supervisor, reason: random.pick(REVOCATION_REASONS) });
      break;
    case 'denied':
      assign();
      if (random.chance(0.5)) staff(random.chance(0.7) ? 'all' : 'none', true);
      steps.push({ kind: 'deny', day: after(5, 30), by: officerId, reason: random.pick(DENIAL_REASONS) });
      break;
    case 'returned-without-action':
      // Most returns come from the completeness screening, before the case is assigned (an officer screens it).
      if (random.chance(0.4)) assign();
      steps.push({ kind: 'return', day: after(2, 15), by: officerId, reason: random.pick(RETURN_REASONS) });
      break;
    case 'withdrawn':
      if (random.chance(0.7)) assign();
      // The applicant asks; an intake clerk records it.
      steps.push({ kind: 'withdraw', day: after(3, 60), by: `intake-${random.int(1, INTAKE_CLERKS)}`, reason: random.pick(WITHDRAWAL_REASONS) });
      break;
  }
  return steps;
}

/**
 * DSP licences mostly run the four-year maximum, sometimes less; agreements (22 CFR Part 124) state their own term.
 * A suspension or revocation comes well inside the shortest term (600 days, then 300 + 300).
 */
function termFor(random: SeededRandom, licenceType: LicenceType): Term {
  if (AGREEMENTS.includes(licenceType)) return { kind: 'days', days: random.int(2 * 365, 10 * 365) };
  return random.chance(0.85) ? { kind: 'maximum' } : { kind: 'days', days: random.int(2 * 365, 3 * 365) };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
