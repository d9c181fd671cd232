/**
 * Small builders shared by the domain specs: valid defaults that each test overrides with only the
 * fields it is about, and the §126.1 register folded from the real seed.
 */
import type { Citation } from '../country-policy/citation';
import type { RecordCountryStatusChange } from '../country-policy/country-policy.commands';
import { decideCountryStatusChange } from '../country-policy/country-policy.decide';
import { CountryPolicy } from '../country-policy/country-policy.aggregate';
import type { CountryPolicyEvent, CountryStatusChanged } from '../country-policy/country-policy.events';
import {
  evolveCountryPolicy,
  initialCountryPolicyState,
  type CountryPolicyState,
} from '../country-policy/country-policy.state';
import { buildPolicySnapshot, type PolicySnapshot } from '../country-policy/policy-snapshot';
import { SECTION_126_1_CORRECTIONS } from '../country-policy/seed/section-126-1.corrections';
import { SECTION_126_1_SEED, seedCommand } from '../country-policy/seed/section-126-1.seed';
import { LicenceApplication } from '../licence-application/licence-application.aggregate';
import { decideApprove } from '../licence-application/licence-application.approve.decide';
import { decideAssign } from '../licence-application/licence-application.assign.decide';
import {
  decideDeny,
  decideReturnWithoutAction,
  decideWithdraw,
} from '../licence-application/licence-application.close.decide';
import type {
  AnswerReferral,
  ApproveLicence,
  AssignCase,
  DenyLicence,
  ExpireLicence,
  ReevaluateCase,
  ReferCase,
  ReturnWithoutAction,
  RevokeLicence,
  SubmitLicenceApplication,
  SuspendLicence,
  WithdrawApplication,
} from '../licence-application/licence-application.commands';
import { decideSubmit } from '../licence-application/licence-application.decide';
import { LICENCE_APPROVED, type LicenceApplicationEvent, type LicenceApproved } from '../licence-application/licence-application.events';
import { decideExpire, decideRevoke, decideSuspend } from '../licence-application/licence-application.licence.decide';
import { decideAnswerReferral, decideRefer } from '../licence-application/licence-application.referral.decide';
import { decideReevaluation } from '../licence-application/licence-application.reevaluate.decide';
import {
  evolveLicenceApplication,
  type LicenceApplicationState,
} from '../licence-application/licence-application.state';
import { CASE_STATUSES, type CaseStatus, type Party, type PartyRole } from '../licence-application/licence-application.types';
import { ReevaluationRun } from '../reevaluation/reevaluation-run.aggregate';
import {
  decideCompleteReevaluation,
  decideRecordBatch,
  decideRecordLateCatches,
  decideStartReevaluation,
  type CompleteReevaluation,
  type RecordReevaluationBatch,
  type StartReevaluation,
} from '../reevaluation/reevaluation-run.decide';
import type { ReevaluatedCase, ReevaluationRunEvent } from '../reevaluation/reevaluation-run.events';
import {
  evolveReevaluationRun,
  initialReevaluationRunState,
  type ReevaluationRunState,
} from '../reevaluation/reevaluation-run.state';
import type { ReevaluationKind, ReevaluationTrigger } from '../reevaluation/reevaluation-trigger';
import type { Determination } from '../policy-evaluation/determination';
import { givenAggregate } from './aggregate-specification';

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

// ── The case officers' lifecycle ─────────────────────────────────────────────────────────────────

export const SUPERVISOR = 'supervisor-sam';
export const OFFICER = 'officer-ana';
export const OTHER_OFFICER = 'officer-ben';
export const INTAKE = 'intake-ivy';

/** The instants of a case's life, in order, each days after the submission (2025-11-08T09:30Z). */
export const LIFECYCLE_AT = {
  assigned: '2025-11-10T09:00:00.000Z',
  reassigned: '2025-11-11T09:00:00.000Z',
  referred: '2025-11-12T10:00:00.000Z',
  answered: '2025-11-19T16:00:00.000Z',
  decided: '2025-11-24T11:00:00.000Z',
  suspended: '2026-03-02T08:00:00.000Z',
  revoked: '2026-04-15T08:00:00.000Z',
  expired: '2029-11-25T00:05:00.000Z',
} as const;

export function anAssignment(overrides: Partial<AssignCase> = {}): AssignCase {
  return { applicationId: APPLICATION_ID, officerId: OFFICER, at: LIFECYCLE_AT.assigned, by: SUPERVISOR, ...overrides };
}

export function aReferral(overrides: Partial<ReferCase> = {}): ReferCase {
  return { applicationId: APPLICATION_ID, agency: 'DTSA', at: LIFECYCLE_AT.referred, by: OFFICER, ...overrides };
}

export function aReferralAnswer(overrides: Partial<AnswerReferral> = {}): AnswerReferral {
  return {
    applicationId: APPLICATION_ID,
    agency: 'DTSA',
    recommendation: 'approve',
    provisos: [],
    at: LIFECYCLE_AT.answered,
    by: OFFICER,
    ...overrides,
  };
}

export function anApproval(overrides: Partial<ApproveLicence> = {}): ApproveLicence {
  return { applicationId: APPLICATION_ID, provisos: [], at: LIFECYCLE_AT.decided, by: OFFICER, ...overrides };
}

/** A command on the default case that states its reason, made at `at` by `by`. */
const reasoned = (reason: string, at: string, by: string) => ({ applicationId: APPLICATION_ID, reason, at, by });

export const aDenial = (overrides: Partial<DenyLicence> = {}): DenyLicence => ({
  ...reasoned('End use inconsistent with the stated programme', LIFECYCLE_AT.decided, OFFICER),
  ...overrides,
});

export const aReturn = (overrides: Partial<ReturnWithoutAction> = {}): ReturnWithoutAction => ({
  ...reasoned('Missing DSP-83 nontransfer and use certificate', LIFECYCLE_AT.decided, OFFICER),
  ...overrides,
});

export const aWithdrawal = (overrides: Partial<WithdrawApplication> = {}): WithdrawApplication => ({
  ...reasoned('Contract cancelled by the end-user', LIFECYCLE_AT.decided, INTAKE),
  ...overrides,
});

export const aLicenceSuspension = (overrides: Partial<SuspendLicence> = {}): SuspendLicence => ({
  ...reasoned('Suspected diversion under investigation', LIFECYCLE_AT.suspended, SUPERVISOR),
  ...overrides,
});

export const aRevocation = (overrides: Partial<RevokeLicence> = {}): RevokeLicence => ({
  ...reasoned('Diversion confirmed', LIFECYCLE_AT.revoked, SUPERVISOR),
  ...overrides,
});

/** The day after a default DSP-5 approval's last valid day (approved 2025-11-24, valid until 2029-11-24). */
export function anExpiry(overrides: Partial<ExpireLicence> = {}): ExpireLicence {
  return {
    applicationId: APPLICATION_ID,
    today: '2029-11-25',
    at: LIFECYCLE_AT.expired,
    by: 'licence-expiry-scheduler',
    ...overrides,
  };
}

/** What the default approval records: a DSP-5's four-year term from 2025-11-24, flagged unconfirmed. */
export function aLicenceApproved(data: Partial<LicenceApproved['data']> = {}): LicenceApproved {
  return {
    type: LICENCE_APPROVED,
    data: {
      applicationId: APPLICATION_ID,
      provisos: [],
      approvedAt: LIFECYCLE_AT.decided,
      approvedBy: OFFICER,
      validFrom: '2025-11-24',
      validUntil: '2029-11-24',
      validityBasis: 'Four-year licence validity (58 FR 39280, 1993)',
      validityUnconfirmed: true,
      ...data,
    },
  };
}

/**
 * A case's recorded history, built by running the real decisions, so that every history a spec starts
 * from is one the aggregate could have recorded.
 */
export class CaseHistory {
  private constructor(
    readonly events: readonly LicenceApplicationEvent[],
    readonly state: LicenceApplicationState,
  ) {}

  static submitted(overrides: Partial<SubmitLicenceApplication> = {}): CaseHistory {
    return new CaseHistory([], null).then(decideSubmit, aSubmission(overrides));
  }

  then<TCommand>(
    decide: (state: LicenceApplicationState, command: TCommand) => readonly LicenceApplicationEvent[],
    command: TCommand,
  ): CaseHistory {
    const events = decide(this.state, command);
    return new CaseHistory([...this.events, ...events], events.reduce(evolveLicenceApplication, this.state));
  }

  assigned = (overrides: Partial<AssignCase> = {}) => this.then(decideAssign, anAssignment(overrides));
  referred = (overrides: Partial<ReferCase> = {}) => this.then(decideRefer, aReferral(overrides));
  answered = (overrides: Partial<AnswerReferral> = {}) => this.then(decideAnswerReferral, aReferralAnswer(overrides));
  approved = (overrides: Partial<ApproveLicence> = {}) => this.then(decideApprove, anApproval(overrides));
  denied = (overrides: Partial<DenyLicence> = {}) => this.then(decideDeny, aDenial(overrides));
  returned = (overrides: Partial<ReturnWithoutAction> = {}) => this.then(decideReturnWithoutAction, aReturn(overrides));
  withdrawn = (overrides: Partial<WithdrawApplication> = {}) => this.then(decideWithdraw, aWithdrawal(overrides));
  suspended = (overrides: Partial<SuspendLicence> = {}) => this.then(decideSuspend, aLicenceSuspension(overrides));
  revoked = (overrides: Partial<RevokeLicence> = {}) => this.then(decideRevoke, aRevocation(overrides));
  expired = (overrides: Partial<ExpireLicence> = {}) => this.then(decideExpire, anExpiry(overrides));
}

/** A submitted case (a case-by-case DSP-5 for France unless overridden), ready for lifecycle steps. */
export const aCase = (overrides: Partial<SubmitLicenceApplication> = {}): CaseHistory => CaseHistory.submitted(overrides);

/** The shortest history that leaves a case in `status`, through the default commands. */
export function historyIn(status: CaseStatus, submission: Partial<SubmitLicenceApplication> = {}): CaseHistory {
  const submitted = aCase(submission);
  switch (status) {
    case 'submitted':
      return submitted;
    case 'under-review':
      return submitted.assigned();
    case 'referred':
      return submitted.assigned().referred();
    case 'approved':
      return submitted.assigned().approved();
    case 'denied':
      return submitted.assigned().denied();
    case 'returned-without-action':
      return submitted.returned();
    case 'withdrawn':
      return submitted.withdrawn();
    case 'suspended':
      return submitted.assigned().approved().suspended();
    case 'revoked':
      return submitted.assigned().approved().revoked();
    case 'expired':
      return submitted.assigned().approved().expired();
  }
}

/** Every case status but `excluded`, e.g. the statuses in which a licence action is refused. */
export const statusesExcept = (...excluded: readonly CaseStatus[]): CaseStatus[] =>
  CASE_STATUSES.filter((status) => !excluded.includes(status));

/** Given/when/then on a LicenceApplication that has recorded `history`. */
export const givenCase = (history: CaseHistory | readonly LicenceApplicationEvent[] = []) =>
  givenAggregate(
    () => new LicenceApplication(APPLICATION_ID),
    history instanceof CaseHistory ? history.events : history,
  );

/** Freezes a value and everything reachable from it, so that any mutation throws in strict mode. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

// ══ Re-evaluation ═══════════════════════════════════════════════════════════════════════════════════
// Builders for the re-evaluation specs: the trigger a CountryStatusChanged becomes when it comes into force,
// the ReevaluateCase command a run issues for one case, and the histories of a ReevaluationRun.

export const REEVALUATION_ID = '5c0e6f3a-7b1d-4e2a-9c4f-8d2b1a6e3f01';
export const OTHER_REEVALUATION_ID = '5c0e6f3a-7b1d-4e2a-9c4f-8d2b1a6e3f02';
/** The re-evaluation process manager's service account: runs are started by a change, never by a person. */
export const REEVALUATOR = 'reevaluation-process-manager';
/** The id of the CountryStatusChanged recording Cambodia's removal (the run's causation id). */
export const KH_REMOVAL_EVENT_ID = '9a1d2c3b-4e5f-4a6b-8c7d-0e1f2a3b4c5d';
/** When the run re-evaluates the cases: early on the day Cambodia's removal comes into force. */
export const REEVALUATED_AT = '2025-11-07T06:00:00.000Z';

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

/** The trigger a recorded change becomes when it comes into force. */
export function triggerOf(
  event: CountryStatusChanged,
  policyEventId: string,
  kind: ReevaluationKind = 'status-change',
): ReevaluationTrigger {
  const { countryCode, policyVersion, from, to, citation, effectiveOn } = event.data;
  return { policyEventId, kind, countryCode, policyVersion, from, to, citation, effectiveOn };
}

/** Cambodia's removal from Table 2 (FR Doc 2025-19822, effective 2025-11-07, policy version 3). */
export function aReevaluationTrigger(overrides: Partial<ReevaluationTrigger> = {}): ReevaluationTrigger {
  return { ...triggerOf(seededStatusChange('KH-2025-11-07-removed'), KH_REMOVAL_EVENT_ID), ...overrides };
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

/** The run's command for the default case: re-evaluate it against the register of 2025-11-07 for Cambodia's removal. */
export function aReevaluation(overrides: Partial<ReevaluateCase> = {}): ReevaluateCase {
  return {
    applicationId: APPLICATION_ID,
    reevaluationId: REEVALUATION_ID,
    trigger: aReevaluationTrigger(),
    policy: snapshotOn('2025-11-07'),
    at: REEVALUATED_AT,
    by: REEVALUATOR,
    ...overrides,
  };
}

/** `history` followed by what the re-evaluation recorded on the case (possibly nothing). */
export function reevaluated(history: CaseHistory, overrides: Partial<ReevaluateCase> = {}): CaseHistory {
  return history.then((state, command: ReevaluateCase) => decideReevaluation(state, command).events, aReevaluation(overrides));
}

/** Case ids that sort in the order of `n`, as a run takes cases in id order. */
export const caseId = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const RUN_AT = {
  started: '2025-11-07T06:00:00.000Z',
  batch1: '2025-11-07T06:00:05.000Z',
  batch2: '2025-11-07T06:00:10.000Z',
  late: '2025-11-07T06:05:00.000Z',
  completed: '2025-11-07T06:10:00.000Z',
} as const;

export function aRunStart(overrides: Partial<StartReevaluation> = {}): StartReevaluation {
  return {
    reevaluationId: REEVALUATION_ID,
    trigger: aReevaluationTrigger(),
    total: 3,
    policyDate: '2025-11-07',
    at: RUN_AT.started,
    by: REEVALUATOR,
    ...overrides,
  };
}

export function aRunBatch(
  cases: readonly ReevaluatedCase[],
  overrides: Partial<RecordReevaluationBatch> = {},
): RecordReevaluationBatch {
  return { reevaluationId: REEVALUATION_ID, cases, at: RUN_AT.batch1, ...overrides };
}

export function aRunCompletion(overrides: Partial<CompleteReevaluation> = {}): CompleteReevaluation {
  return { reevaluationId: REEVALUATION_ID, at: RUN_AT.completed, by: REEVALUATOR, ...overrides };
}

/** A run's recorded history, built by running the real decisions (as CaseHistory does for a case). */
export class RunHistory {
  private constructor(
    readonly events: readonly ReevaluationRunEvent[],
    readonly state: ReevaluationRunState,
  ) {}

  static notStarted(): RunHistory {
    return new RunHistory([], initialReevaluationRunState);
  }

  then<TCommand>(
    decide: (state: ReevaluationRunState, command: TCommand) => readonly ReevaluationRunEvent[],
    command: TCommand,
  ): RunHistory {
    const events = decide(this.state, command);
    return new RunHistory([...this.events, ...events], events.reduce(evolveReevaluationRun, this.state));
  }

  started = (overrides: Partial<StartReevaluation> = {}) => this.then(decideStartReevaluation, aRunStart(overrides));
  batch = (cases: readonly ReevaluatedCase[], overrides: Partial<RecordReevaluationBatch> = {}) =>
    this.then(decideRecordBatch, aRunBatch(cases, overrides));
  late = (cases: readonly ReevaluatedCase[], overrides: Partial<RecordReevaluationBatch> = {}) =>
    this.then(decideRecordLateCatches, aRunBatch(cases, { at: RUN_AT.late, ...overrides }));
  completed = (overrides: Partial<CompleteReevaluation> = {}) => this.then(decideCompleteReevaluation, aRunCompletion(overrides));
}

/** Given/when/then on a ReevaluationRun that has recorded `history`. */
export const givenRun = (history: RunHistory | readonly ReevaluationRunEvent[] = []) =>
  givenAggregate(() => new ReevaluationRun(REEVALUATION_ID), history instanceof RunHistory ? history.events : history);
