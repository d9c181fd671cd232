import {
  caseSummaryOf,
  DomainError,
  LICENCE_APPLICATION_CATEGORY,
  type CaseSummary,
  type LicenceApplicationEvent,
  type PolicySnapshot,
  type ReevaluateCase,
  type SubmitLicenceApplication,
} from '@app/domain';
import {
  aCase,
  aCitation,
  anEndUser,
  aParty,
  aReevaluationTrigger,
  aStatusChange,
  caseId,
  CaseHistory,
  reevaluated,
  registerAfter,
  snapshotOn,
  triggerOf,
} from '@app/domain/testing/domain-builders';
import fc from 'fast-check';

/**
 * Case histories recorded by the domain's own decisions, for the read side's specifications: each step runs a
 * command (or a re-evaluation) through the case's decide function, and a command the domain refuses records nothing. So every history
 * is one the aggregate could have recorded, and the aggregate's state after it says what the case list must show.
 */

/** Cambodia's removal from Table 2 (a loosening), its hypothetical re-listing and its move to Table 1 (tightenings). */
export type Run = 'removal' | 'relisting' | 'table1';

/** `history` followed by what the run recorded on the case (possibly nothing). */
export function reevaluatedBy(run: Run, history: CaseHistory, applicationId: string): CaseHistory {
  return reevaluated(history, { ...world().runs[run], applicationId });
}

interface World {
  /** The registers submissions are evaluated against, by date. */
  readonly snapshots: Readonly<Record<'2025-10-01' | '2025-11-08', PolicySnapshot>>;
  /** The re-evaluation runs a case may meet. */
  readonly runs: Readonly<Record<Run, Partial<ReevaluateCase>>>;
}

let built: World | undefined;

/** The register as seeded, plus a hypothetical re-listing of Cambodia (Table 2 on 2026-06-01, Table 1 on 2026-09-01). */
function world(): World {
  return (built ??= buildWorld());
}

function buildWorld(): World {
  const { register, recorded } = registerAfter(
    aStatusChange({ effectiveOn: '2026-06-01', citation: aCitation({ publishedOn: '2026-06-01' }), reason: 'Cambodia re-added to Table 2' }),
    aStatusChange({
      status: 'denial',
      paragraph: null,
      exceptions: [],
      effectiveOn: '2026-09-01',
      citation: aCitation({ publishedOn: '2026-09-01' }),
      reason: 'Cambodia moved to Table 1',
    }),
  );
  const [relisting, table1] = recorded;
  return {
    snapshots: { '2025-10-01': snapshotOn('2025-10-01', register), '2025-11-08': snapshotOn('2025-11-08', register) },
    runs: {
      // Cambodia's removal from Table 2 (FR Doc 2025-19822): a loosening.
      removal: { trigger: aReevaluationTrigger(), policy: snapshotOn('2025-11-07', register) },
      // The re-listing and the move to Table 1: tightenings, which flag live Cambodian licences (22 CFR 126.7).
      relisting: {
        reevaluationId: '5c0e6f3a-7b1d-4e2a-9c4f-8d2b1a6e3f02',
        trigger: triggerOf(relisting!, '3f6b8a1e-2c4d-4e5f-9a0b-1c2d3e4f5a60'),
        policy: snapshotOn('2026-06-01', register),
        at: '2026-06-01T06:00:00.000Z',
      },
      table1: {
        reevaluationId: '5c0e6f3a-7b1d-4e2a-9c4f-8d2b1a6e3f03',
        trigger: triggerOf(table1!, '3f6b8a1e-2c4d-4e5f-9a0b-1c2d3e4f5a61'),
        policy: snapshotOn('2026-09-01', register),
        at: '2026-09-01T06:00:00.000Z',
      },
    },
  };
}

/** The submissions a generated case starts from. */
export const CASE_PROFILES = {
  france: () => ({ parties: [anEndUser('FR')] }),
  germanyAndVenezuela: () => ({ parties: [anEndUser('DE'), aParty('foreign-consignee', 'VE')] }),
  cambodianForces: () => ({ parties: [anEndUser('KH', 'Royal Cambodian Armed Forces')] }),
  cambodianForcesBeforeRemoval: () => ({ ...beforeRemoval(), parties: [anEndUser('KH', 'Royal Cambodian Armed Forces')] }),
  cambodianDeminingBeforeRemoval: () => ({
    ...beforeRemoval(),
    parties: [anEndUser('KH', 'Cambodian Mine Action Centre')],
    endUseCodes: ['humanitarian-demining' as const],
  }),
  chinaAndCambodiaBeforeRemoval: () => ({
    ...beforeRemoval(),
    parties: [anEndUser('CN', 'Norinco'), aParty('foreign-consignee', 'KH', 'Phnom Penh Logistics')],
  }),
} satisfies Record<string, () => Partial<SubmitLicenceApplication>>;
export type CaseProfile = keyof typeof CASE_PROFILES;

const beforeRemoval = () => ({ submittedAt: '2025-10-01T14:00:00.000Z', policy: world().snapshots['2025-10-01'] });

const OFFICERS = ['officer-a', 'officer-b', 'officer-c'] as const;
const AGENCIES = ['DTSA', 'DOE', 'STATE-DRL'] as const;
const VALID_UNTIL = ['2026-03-01', '2027-06-30', '2029-11-24'] as const;

/** What a step asks of the case (a command, or a re-evaluation run); `pick` chooses the officer, agency or validity it names. */
export const CASE_ACTIONS = {
  assign: (h: CaseHistory, id: string, pick: number) => h.assigned({ applicationId: id, officerId: OFFICERS[pick % OFFICERS.length]! }),
  refer: (h: CaseHistory, id: string, pick: number) => h.referred({ applicationId: id, agency: AGENCIES[pick % AGENCIES.length]! }),
  answer: (h: CaseHistory, id: string, pick: number) => h.answered({ applicationId: id, agency: AGENCIES[pick % AGENCIES.length]! }),
  approve: (h: CaseHistory, id: string, pick: number) => h.approved({ applicationId: id, validUntil: VALID_UNTIL[pick % VALID_UNTIL.length]! }),
  deny: (h: CaseHistory, id: string) => h.denied({ applicationId: id }),
  return: (h: CaseHistory, id: string) => h.returned({ applicationId: id }),
  withdraw: (h: CaseHistory, id: string) => h.withdrawn({ applicationId: id }),
  suspend: (h: CaseHistory, id: string) => h.suspended({ applicationId: id }),
  revoke: (h: CaseHistory, id: string) => h.revoked({ applicationId: id }),
  expire: (h: CaseHistory, id: string) => h.expired({ applicationId: id }),
  removal: (h: CaseHistory, id: string) => reevaluatedBy('removal', h, id),
  relisting: (h: CaseHistory, id: string) => reevaluatedBy('relisting', h, id),
  table1: (h: CaseHistory, id: string) => reevaluatedBy('table1', h, id),
} satisfies Record<string, (history: CaseHistory, id: string, pick: number) => CaseHistory>;
export type CaseAction = keyof typeof CASE_ACTIONS;

/** How often a step asks for each command: closing a case early is rarer than moving it on. */
const ACTION_WEIGHTS: Record<CaseAction, number> = {
  assign: 3,
  refer: 2,
  answer: 3,
  approve: 4,
  deny: 1,
  return: 1,
  withdraw: 1,
  suspend: 2,
  revoke: 1,
  expire: 1,
  removal: 2,
  relisting: 3,
  table1: 1,
};

export interface CaseStep {
  /** Which case (modulo the cases opened so far). */
  readonly case: number;
  readonly action: CaseAction;
  readonly pick: number;
}

/** The events one step appended to one case's stream. */
export interface CaseAppend {
  readonly applicationId: string;
  readonly streamName: string;
  readonly events: readonly LicenceApplicationEvent[];
  /** The stream's revision before the append; null for a new stream. */
  readonly revisionBefore: number | null;
}

/** The cases of a generated log, as the domain left them. */
export class DomainCases {
  private readonly histories = new Map<string, CaseHistory>();
  private readonly opened: string[] = [];

  constructor(private readonly firstCase = 1) {}

  /** The cases' ids, in the order they were opened. */
  get ids(): readonly string[] {
    return this.opened;
  }

  /** What the case list must show of the case: the aggregate's own summary. */
  summaryOf(applicationId: string): CaseSummary {
    return caseSummaryOf(this.historyOf(applicationId).state!);
  }

  historyOf(applicationId: string): CaseHistory {
    const history = this.histories.get(applicationId);
    if (history === undefined) throw new Error(`No case ${applicationId}`);
    return history;
  }

  open(profile: CaseProfile): CaseAppend {
    const applicationId = caseId(this.firstCase + this.histories.size);
    const submission = CASE_PROFILES[profile]();
    const history = aCase({ policy: world().snapshots['2025-11-08'], ...submission, applicationId });
    this.histories.set(applicationId, history);
    this.opened.push(applicationId);
    return { applicationId, streamName: streamOf(applicationId), events: history.events, revisionBefore: null };
  }

  /**
   * Runs the step's command; when the domain refuses it or records nothing, a command that moves the case on (see
   * {@link MOVING_ON}), so most steps change the case. Null when none does.
   */
  step({ case: index, action, pick }: CaseStep): CaseAppend | null {
    if (this.opened.length === 0) return null;
    const applicationId = this.opened[index % this.opened.length]!;
    const before = this.historyOf(applicationId);
    const fallbacks = MOVING_ON.map((_, offset) => MOVING_ON[(pick + offset) % MOVING_ON.length]!);
    for (const tried of [action, ...fallbacks]) {
      const after = attempt(tried, before, applicationId, pick);
      if (after === null || after.events.length === before.events.length) continue;
      this.histories.set(applicationId, after);
      const events = after.events.slice(before.events.length);
      return { applicationId, streamName: streamOf(applicationId), events, revisionBefore: before.events.length - 1 };
    }
    return null;
  }
}

/** The commands tried when a step's own is refused: none closes a pending case, so cases live long enough to be decided. */
const MOVING_ON: readonly CaseAction[] = ['assign', 'approve', 'refer', 'answer', 'relisting', 'removal', 'table1', 'suspend', 'expire'];

/** The history after the action's command; null when the domain refused it. */
function attempt(action: CaseAction, history: CaseHistory, applicationId: string, pick: number): CaseHistory | null {
  try {
    return CASE_ACTIONS[action](history, applicationId, pick);
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
}

export const streamOf = (applicationId: string): string => `${LICENCE_APPLICATION_CATEGORY}-${applicationId}`;

export const CASE_PROFILE_NAMES = Object.keys(CASE_PROFILES) as CaseProfile[];
export const aCaseProfile = fc.constantFrom(...CASE_PROFILE_NAMES);
export const aCaseStep: fc.Arbitrary<CaseStep> = fc.record({
  case: fc.nat({ max: 1_000 }),
  action: fc.oneof(
    ...(Object.entries(ACTION_WEIGHTS) as Array<[CaseAction, number]>).map(([action, weight]) => ({ arbitrary: fc.constant(action), weight })),
  ),
  pick: fc.nat({ max: 100 }),
});

/** Some cases opened, then steps over them, in the order the log records them. */
export const aCaseLog = (maxCases: number, maxSteps: number) =>
  fc.record({
    profiles: fc.array(aCaseProfile, { minLength: 1, maxLength: maxCases }),
    steps: fc.array(aCaseStep, { minLength: Math.floor(maxSteps / 2), maxLength: maxSteps }),
  });

/** A log of `cases` cases and `steps` steps over them, the same for the same seed. */
export function sampledCaseLog(seed: number, cases: number, steps: number): { profiles: CaseProfile[]; steps: CaseStep[] } {
  return {
    profiles: fc.sample(aCaseProfile, { seed, numRuns: cases }),
    steps: steps === 0 ? [] : fc.sample(aCaseStep, { seed: seed + 1, numRuns: steps }),
  };
}

/** Records a generated log: opens its cases, runs its steps, and answers every append in order. */
export function recordCaseLog(cases: DomainCases, log: { profiles: readonly CaseProfile[]; steps: readonly CaseStep[] }): CaseAppend[] {
  const appends = log.profiles.map((profile) => cases.open(profile));
  for (const step of log.steps) {
    const append = cases.step(step);
    if (append !== null) appends.push(append);
  }
  return appends;
}
