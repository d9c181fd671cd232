/** Builders for the country-policy specs: register commands, the register folded from the seed, determinations. */
import type { Citation } from '../country-policy/citation';
import type { RecordCountryStatusChange } from '../country-policy/country-policy.commands';
import { decideCountryStatusChange } from '../country-policy/country-policy.decide';
import { CountryPolicy } from '../country-policy/country-policy.aggregate';
import type { CountryPolicyEvent, CountryStatusChanged } from '../country-policy/country-policy.events';
import {
  type CountryPolicyState,
  evolveCountryPolicy,
  initialCountryPolicyState,
} from '../country-policy/country-policy.state';
import { buildPolicySnapshot, type PolicySnapshot } from '../country-policy/policy-snapshot';
import { SECTION_126_1_CORRECTIONS } from '../country-policy/seed/section-126-1.corrections';
import { SECTION_126_1_SEED, seedCommand } from '../country-policy/seed/section-126-1.seed';
import type { Determination } from '../policy-evaluation/determination';
import { givenAggregate } from './aggregate-specification';

export type PolicyRegister = Record<string, CountryPolicyState>;


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

/** Cambodia's Table 2 entry re-inserted by 90 FR 29720 (2025-07-07): an editorial change, same status. */
export function aReinsertion(overrides: Partial<RecordCountryStatusChange> = {}): RecordCountryStatusChange {
  return aStatusChange({
    citation: aCitation({ frCitation: '90 FR 29720', frDocument: '2025-12560', publishedOn: '2025-07-07' }),
    effectiveOn: '2025-07-07',
    reason: 'Table 2 entry re-inserted',
    ...overrides,
  });
}

/** Cambodia's removal from §126.1 (FR Doc 2025-19822, effective 2025-11-07). */
export function aRemoval(overrides: Partial<RecordCountryStatusChange> = {}): RecordCountryStatusChange {
  return aStatusChange({
    status: 'not-listed',
    paragraph: null,
    exceptions: [],
    citation: aCitation({ frCitation: null, frDocument: '2025-19822', publishedOn: '2025-11-07' }),
    effectiveOn: '2025-11-07',
    reason: 'Removed from §126.1',
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

/** The register folded from SECTION_126_1_SEED and its corrections through the decider, as the seeding job does. */
export function registerFromSeed(): PolicyRegister {
  const register: PolicyRegister = {};
  const versions = new Map<string, number>();
  for (const seed of [...SECTION_126_1_SEED, ...SECTION_126_1_CORRECTIONS]) {
    const { countryCode } = seed.change;
    const state = register[countryCode] ?? initialCountryPolicyState;
    const command = seedCommand(seed, (key) => versions.get(key));
    const next = decideCountryStatusChange(state, command).reduce(evolveCountryPolicy, state);
    register[countryCode] = next;
    versions.set(seed.key, next.entries.at(-1)!.policyVersion);
  }
  return register;
}

/** The seeded register as in force on `date`. */
export function snapshotOn(date: string, register: PolicyRegister = registerFromSeed()): PolicySnapshot {
  return buildPolicySnapshot(register, date);
}

/** A never-listed destination's determination: case by case on policy version 0, with no citation. */
export function aDetermination(overrides: Partial<Determination> = {}): Determination {
  return {
    country: 'FR',
    roles: ['end-user'],
    policyStatus: 'not-listed',
    table: null,
    provision: null,
    paragraph: null,
    exceptionApplied: null,
    exceptionsApplied: [],
    uncoveredEndUses: [],
    track: 'case-by-case',
    citation: null,
    policyVersion: 0,
    policyEffectiveOn: null,
    suspendedUntil: null,
    unconfirmed: [],
    warnings: [],
    ...overrides,
  };
}

/** Cambodia's end-user denied under Table 2, 22 CFR 126.1(d)(2) and ¶(o), with no exception for its end use. */
export function aParagraphODenial(overrides: Partial<Determination> = {}): Determination {
  return aDetermination({
    country: 'KH',
    policyStatus: 'denial-with-exceptions',
    table: 2,
    provision: '22 CFR 126.1(d)(2) and (o)',
    paragraph: '(o)',
    track: 'policy-of-denial',
    ...overrides,
  });
}

/** Given/when/then on the CountryPolicy of `countryCode` that has recorded `history`. */
export const givenCountry = (countryCode: string, history: readonly CountryPolicyEvent[] = []) =>
  givenAggregate(() => new CountryPolicy(countryCode), history);

/**
 * The CountryStatusChanged the seed records for `key` (e.g. 'KH-2025-11-07-removed'): the country's earlier
 * seeded changes are recorded first, so its policy version and `from` status are the register's own.
 */
export function seededStatusChange(key: string): CountryStatusChanged {
  const index = SECTION_126_1_SEED.findIndex((seeded) => seeded.key === key);
  if (index < 0) throw new Error(`No seeded change ${key}`);
  const { countryCode } = SECTION_126_1_SEED[index]!.change;
  const changes = SECTION_126_1_SEED.slice(0, index + 1)
    .filter((seeded) => seeded.change.countryCode === countryCode)
    .map((seeded) => seeded.change);
  return recordedEvents(...changes).at(-1)!;
}

/** The seeded register plus `changes`, and the events those changes record (with their policy versions). */
export function registerAfter(...changes: readonly RecordCountryStatusChange[]): {
  register: PolicyRegister;
  recorded: CountryStatusChanged[];
} {
  const register = registerFromSeed();
  const recorded: CountryStatusChanged[] = [];
  for (const change of changes) {
    const state = register[change.countryCode] ?? initialCountryPolicyState;
    const events = decideCountryStatusChange(state, change);
    recorded.push(...events);
    register[change.countryCode] = events.reduce(evolveCountryPolicy, state);
  }
  return { register, recorded };
}
