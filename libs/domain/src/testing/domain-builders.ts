/**
 * Small builders shared by the domain specs: valid defaults that each test overrides with only the
 * fields it is about, and the §126.1 register folded from the real seed.
 */
import type { Citation } from '../country-policy/citation';
import type { RecordCountryStatusChange } from '../country-policy/country-policy.commands';
import { decideCountryStatusChange } from '../country-policy/country-policy.decide';
import type { CountryStatusChanged } from '../country-policy/country-policy.events';
import {
  evolveCountryPolicy,
  initialCountryPolicyState,
  type CountryPolicyState,
} from '../country-policy/country-policy.state';
import { buildPolicySnapshot, type PolicySnapshot } from '../country-policy/policy-snapshot';
import { SECTION_126_1_SEED } from '../country-policy/seed/section-126-1.seed';
import type { SubmitLicenceApplication } from '../licence-application/licence-application.commands';
import type { Party, PartyRole } from '../licence-application/licence-application.types';

export type PolicyRegister = Record<string, CountryPolicyState>;

// ── Country policy ────────────────────────────────────────────────────────────────────────────────

export function aCitation(overrides: Partial<Citation> = {}): Citation {
  return {
    frCitation: '86 FR 70053',
    frDocument: '2021-26590',
    publishedOn: '2021-12-09',
    title: null,
    notes: null,
    ...overrides,
  };
}

/** A valid Table 2 listing (Cambodia's 2021 addition, ¶(o)). */
export function aStatusChange(overrides: Partial<RecordCountryStatusChange> = {}): RecordCountryStatusChange {
  return {
    countryCode: 'KH',
    countryName: 'Cambodia',
    status: 'denial-with-exceptions',
    paragraph: '(o)',
    exceptions: ['conventional-weapons-destruction', 'humanitarian-demining'],
    suspendedUntil: null,
    statusAfterSuspension: null,
    citation: aCitation(),
    effectiveOn: '2021-12-09',
    announcedOn: null,
    reason: 'Added to Table 2 with paragraph (o)',
    unconfirmed: [],
    ...overrides,
  };
}

/** A valid Cyprus-style suspension of a Table 2 denial (FY2023). */
export function aSuspension(overrides: Partial<RecordCountryStatusChange> = {}): RecordCountryStatusChange {
  return aStatusChange({
    countryCode: 'CY',
    countryName: 'Cyprus',
    status: 'not-listed',
    paragraph: '(r)',
    exceptions: [],
    suspendedUntil: '2023-09-30',
    statusAfterSuspension: 'denial-with-exceptions',
    citation: aCitation({ frCitation: '87 FR 71250', frDocument: '2022-25541', publishedOn: '2022-11-22' }),
    effectiveOn: '2022-10-01',
    reason: 'Policy of denial suspended for FY2023',
    ...overrides,
  });
}

/** The events the decider records for these changes, in order, starting from an empty stream. */
export function recordedEvents(...changes: readonly RecordCountryStatusChange[]): CountryStatusChanged[] {
  const events: CountryStatusChanged[] = [];
  let state = initialCountryPolicyState;
  for (const change of changes) {
    for (const event of decideCountryStatusChange(state, change)) {
      events.push(event);
      state = evolveCountryPolicy(state, event);
    }
  }
  return events;
}

/** One country's state after these changes. */
export function countryStateAfter(...changes: readonly RecordCountryStatusChange[]): CountryPolicyState {
  return recordedEvents(...changes).reduce(evolveCountryPolicy, initialCountryPolicyState);
}

/** The register folded from SECTION_126_1_SEED through the decider, as the seeding job does. */
export function registerFromSeed(): PolicyRegister {
  const register: PolicyRegister = {};
  for (const { change } of SECTION_126_1_SEED) {
    const state = register[change.countryCode] ?? initialCountryPolicyState;
    register[change.countryCode] = decideCountryStatusChange(state, change).reduce(evolveCountryPolicy, state);
  }
  return register;
}

/** The seeded register as in force on `date`. */
export function snapshotOn(date: string, register: PolicyRegister = registerFromSeed()): PolicySnapshot {
  return buildPolicySnapshot(register, date);
}

// ── Licence application ──────────────────────────────────────────────────────────────────────────

export function aParty(role: PartyRole, country: string, name = `${country} ${role}`): Party {
  return { role, name, country };
}

export const anEndUser = (country: string, name?: string): Party => aParty('end-user', country, name);

export const APPLICATION_ID = '0b7f3c7e-5d1a-4c47-9a59-2f1f1b6f8e01';

/** A valid DSP-5 for a French end-user, evaluated against the seeded register of 2025-11-08. */
export function aSubmission(overrides: Partial<SubmitLicenceApplication> = {}): SubmitLicenceApplication {
  return {
    applicationId: APPLICATION_ID,
    licenceType: 'DSP-5',
    applicant: { name: 'Acme Defense Systems', registrationCode: 'M12345' },
    usmlCategories: ['XI'],
    valueUsd: 2_500_000,
    majorDefenseEquipment: false,
    endUseCodes: [],
    description: 'Radar spare parts',
    parties: [anEndUser('FR', 'Direction générale de l’armement')],
    submittedAt: '2025-11-08T09:30:00.000Z',
    submittedBy: 'applicant-user-1',
    policy: snapshotOn('2025-11-08'),
    ...overrides,
  };
}

/** Freezes a value and everything reachable from it, so that any mutation throws in strict mode. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
