import type { Citation } from '../country-policy/citation';
import {
  aCase,
  aCitation,
  aLicenceApproved,
  aDetermination,
  aParagraphODenial,
  anApproval,
  anEndUser,
  aParty,
  APPLICATION_ID,
  aReevaluation,
  aStatusChange,
  CaseHistory,
  deepFreeze,
  givenCase,
  KH_REMOVAL_EVENT_ID,
  OFFICER,
  OTHER_REEVALUATION_ID,
  REEVALUATED_AT,
  REEVALUATION_ID,
  reevaluated,
  REEVALUATOR,
  registerAfter,
  seededStatusChange,
  snapshotOn,
  triggerOf,
  aReevaluationTrigger,
} from '../testing/domain-builders';
import type { ReevaluateCase, SubmitLicenceApplication } from './licence-application.commands';
import {
  DETERMINATIONS_REVISED,
  LICENCE_FLAGGED_FOR_REVIEW,
  REVIEW_TRACK_CHANGED,
} from './licence-application.events';
import { decideReevaluation, type ReevaluationOutcome } from './licence-application.reevaluate.decide';

// ── Cambodia's removal from §126.1 (FR Doc 2025-19822, effective 2025-11-07) ──────────────────────────────

/** The seeded removal's citation: Table 2 ¶(o) → not listed, Cambodia's third entry (policy version 3). */
const KH_REMOVAL_CITATION: Citation = seededStatusChange('KH-2025-11-07-removed').data.citation;

/** ¶(o) as listed by 86 FR 70053, policy version 1, in force on 2025-10-01 (the 2025 re-insertion was editorial). */
const TABLE_2_2025 = expect.objectContaining({ frCitation: '86 FR 70053', frDocument: '2021-26590' });

/** A case's life before the removal: submitted on the register of 2025-10-01, when ¶(o) still applied. */
const BEFORE_REMOVAL = {
  submitted: '2025-10-01T14:00:00.000Z',
  assigned: '2025-10-02T09:00:00.000Z',
  referred: '2025-10-03T10:00:00.000Z',
  decided: '2025-10-20T11:00:00.000Z',
} as const;

const submittedBeforeRemoval = (overrides: Partial<SubmitLicenceApplication>): CaseHistory =>
  aCase({ submittedAt: BEFORE_REMOVAL.submitted, policy: snapshotOn('2025-10-01'), ...overrides });

/** Cambodia's own forces as end-user: ¶(o) denied it, whatever the item (22 CFR 126.1(d)(2) and (o)). */
const khCase = () => submittedBeforeRemoval({ parties: [anEndUser('KH', 'Royal Cambodian Armed Forces')] });

/** Humanitarian demining in Cambodia: reviewed case by case under the exception of ¶(o) even before the removal. */
const khDeminingCase = () =>
  submittedBeforeRemoval({
    parties: [anEndUser('KH', 'Cambodian Mine Action Centre')],
    endUseCodes: ['humanitarian-demining'],
    description: 'Mine detection equipment',
  });

/** A Chinese end-user with a Cambodian consignee: China is Table 1 (22 CFR 126.1(d)(1)), so the removal cannot lift it. */
const cnKhCase = () =>
  submittedBeforeRemoval({
    parties: [anEndUser('CN', 'Norinco'), aParty('foreign-consignee', 'KH', 'Phnom Penh Logistics')],
  });

const assignedBeforeRemoval = (history: CaseHistory) => history.assigned({ at: BEFORE_REMOVAL.assigned });

// ── A hypothetical re-listing of Cambodia, to exercise a tightening (22 CFR 126.7 review of issued licences) ──

const RELISTED_ON = '2026-06-01';
const RELISTING_CITATION: Citation = aCitation({
  frCitation: null,
  frDocument: null,
  publishedOn: RELISTED_ON,
  notes: 'Hypothetical re-listing, recorded for this specification only',
});
/** Cambodia back in Table 2 under ¶(o), with its former exceptions. */
const KH_RELISTING = aStatusChange({
  effectiveOn: RELISTED_ON,
  citation: RELISTING_CITATION,
  reason: 'Cambodia re-added to Table 2 with paragraph (o)',
});
/** Then moved from Table 2 to Table 1: a policy of denial without exceptions. */
const TABLE_1_ON = '2026-09-01';
const TABLE_1_CITATION: Citation = { ...RELISTING_CITATION, publishedOn: TABLE_1_ON };
const KH_TO_TABLE_1 = aStatusChange({
  status: 'denial',
  paragraph: null,
  exceptions: [],
  effectiveOn: TABLE_1_ON,
  citation: TABLE_1_CITATION,
  reason: 'Cambodia moved to Table 1',
});

const relisted = registerAfter(KH_RELISTING, KH_TO_TABLE_1);
const [relistingEvent, table1Event] = relisted.recorded;
const RELISTING_EVENT_ID = '3f6b8a1e-2c4d-4e5f-9a0b-1c2d3e4f5a60';
const TABLE_1_EVENT_ID = '3f6b8a1e-2c4d-4e5f-9a0b-1c2d3e4f5a61';
const KH_RELISTING_TRIGGER = triggerOf(relistingEvent!, RELISTING_EVENT_ID);
const KH_TABLE_1_TRIGGER = triggerOf(table1Event!, TABLE_1_EVENT_ID);
const RELISTING_AT = '2026-06-01T06:00:00.000Z';
const REINSERTION_EVENT_ID = '3f6b8a1e-2c4d-4e5f-9a0b-1c2d3e4f5a62';
const TABLE_1_AT = '2026-09-01T06:00:00.000Z';

/** The re-listing run's command: the register of 2026-06-01, one run (its own id) for this change. */
const relistingRun = (overrides: Partial<ReevaluateCase> = {}) =>
  aReevaluation({
    reevaluationId: OTHER_REEVALUATION_ID,
    trigger: KH_RELISTING_TRIGGER,
    policy: snapshotOn(RELISTED_ON, relisted.register),
    at: RELISTING_AT,
    ...overrides,
  });

const TABLE_1_RUN_ID = '5c0e6f3a-7b1d-4e2a-9c4f-8d2b1a6e3f03';
const table1Run = () =>
  aReevaluation({
    reevaluationId: TABLE_1_RUN_ID,
    trigger: KH_TABLE_1_TRIGGER,
    policy: snapshotOn(TABLE_1_ON, relisted.register),
    at: TABLE_1_AT,
  });

/** A DSP-5 for the Cambodian forces submitted after the removal (2025-11-08, case by case), approved 2025-11-24. */
const approvedKhLicence = () => aCase({ parties: [anEndUser('KH', 'Royal Cambodian Armed Forces')] }).assigned().approved();

/** Cambodia under the re-listing (22 CFR 126.1(d)(2) and (o)): no exception for the forces' end use. */
const RELISTED_KH = aParagraphODenial({ citation: RELISTING_CITATION, policyVersion: 5, policyEffectiveOn: RELISTED_ON });

/** Re-evaluates the case that recorded `history`; `outcome` is what the run accounts for it. */
function whenReevaluated(history: CaseHistory, command: ReevaluateCase = aReevaluation()) {
  let outcome = null as ReevaluationOutcome | null;
  const result = givenCase(history).when((a) => {
    outcome = a.reevaluate(command);
  });
  return { ...result, outcome };
}

describe('the cases before Cambodia’s removal (the register of 2025-10-01)', () => {
  it('puts the Cambodian forces’ case on policy-of-denial under ¶(o), version 1 (86 FR 70053)', () => {
    expect(khCase().state).toMatchObject({
      reviewTrack: 'policy-of-denial',
      notificationDuty126_1e: true,
      policyDate: '2025-10-01',
      determinations: [
        expect.objectContaining({ country: 'KH', exceptionApplied: null, policyVersion: 1, citation: TABLE_2_2025 }),
      ],
    });
  });

  it('puts the demining case on case-by-case through the exception of ¶(o)', () => {
    expect(khDeminingCase().state).toMatchObject({
      reviewTrack: 'case-by-case',
      determinations: [expect.objectContaining({ country: 'KH', exceptionApplied: 'humanitarian-demining', policyVersion: 1 })],
    });
  });

  it('puts the CN+KH case on policy-of-denial for both destinations', () => {
    expect(cnKhCase().state?.determinations.map((d) => [d.country, d.track])).toEqual([
      ['CN', 'policy-of-denial'],
      ['KH', 'policy-of-denial'],
    ]);
  });

  it('refuses to approve the Cambodian forces’ case (POLICY_OF_DENIAL, 22 CFR 126.1(d)(2) and (o))', () => {
    givenCase(assignedBeforeRemoval(khCase())).when((a) => a.approve(anApproval())).thenThrows('POLICY_OF_DENIAL');
  });
});

describe('LicenceApplication.reevaluate on a pending case, for Cambodia’s removal (FR Doc 2025-19822)', () => {
  it('moves the Cambodian forces’ case to case-by-case, recording ReviewTrackChanged with the version-3 determination', () => {
    const { outcome, then } = whenReevaluated(assignedBeforeRemoval(khCase()));
    const application = then([
      {
        type: REVIEW_TRACK_CHANGED,
        data: {
          applicationId: APPLICATION_ID,
          reevaluationId: REEVALUATION_ID,
          from: 'policy-of-denial',
          to: 'case-by-case',
          determinations: [
            aDetermination({
              country: 'KH',
              citation: KH_REMOVAL_CITATION,
              policyVersion: 3,
              policyEffectiveOn: '2025-11-07',
              unconfirmed: ['citation.frCitation', 'announcedOn'],
            }),
          ],
          // No destination is listed any more, so the §126.1(e) duty to inform DDTC no longer applies.
          notificationDuty126_1e: false,
          congressionalNotification: expect.objectContaining({ applicable: true, required: false }),
          policyDate: '2025-11-07',
          trigger: {
            policyEventId: KH_REMOVAL_EVENT_ID,
            kind: 'status-change',
            countryCode: 'KH',
            policyVersion: 3,
            from: 'denial-with-exceptions',
            to: 'not-listed',
            citation: KH_REMOVAL_CITATION,
            effectiveOn: '2025-11-07',
          },
          changedAt: REEVALUATED_AT,
          changedBy: REEVALUATOR,
        },
      },
    ]);
    expect(outcome).toBe('changed');
    // The trigger cites the removal itself, not the rule it undid.
    expect(KH_REMOVAL_CITATION).toMatchObject({ frCitation: null, frDocument: '2025-19822', publishedOn: '2025-11-07' });

    expect(application.state).toMatchObject({
      status: 'under-review',
      assignee: OFFICER,
      reviewTrack: 'case-by-case',
      notificationDuty126_1e: false,
      policyDate: '2025-11-07',
      determinations: [expect.objectContaining({ country: 'KH', policyStatus: 'not-listed', policyVersion: 3 })],
      reevaluations: [
        { reevaluationId: REEVALUATION_ID, outcome: 'changed', policyEventId: KH_REMOVAL_EVENT_ID, at: REEVALUATED_AT },
      ],
      flaggedForReview: false,
      lastChangedAt: REEVALUATED_AT,
    });
    // What was submitted stays on record: only the determinations are redone.
    expect(application.state?.submittedAt).toBe(BEFORE_REMOVAL.submitted);
  });

  it.each<[string, () => CaseHistory]>([
    ['submitted', khCase],
    ['under review', () => assignedBeforeRemoval(khCase())],
    ['referred', () => assignedBeforeRemoval(khCase()).referred({ at: BEFORE_REMOVAL.referred })],
  ])('changes the track of a %s case and leaves its status alone', (_label, history) => {
    const before = history().state!;
    const { outcome, aggregate } = whenReevaluated(history());
    expect(outcome).toBe('changed');
    expect(aggregate.getUncommittedEvents().map((e) => e.type)).toEqual([REVIEW_TRACK_CHANGED]);
    expect(aggregate.state).toMatchObject({ status: before.status, referrals: before.referrals, reviewTrack: 'case-by-case' });
  });

  it('revises the demining case on its track: not-listed, citing FR Doc 2025-19822, with no §126.1(e) duty (revised)', () => {
    const { outcome, aggregate } = whenReevaluated(khDeminingCase());
    expect(outcome).toBe('revised');
    const [event] = aggregate.getUncommittedEvents();
    expect(event).toMatchObject({
      type: DETERMINATIONS_REVISED,
      data: {
        reviewTrack: 'case-by-case',
        revisedCountries: ['KH'],
        notificationDuty126_1e: false,
        trigger: aReevaluationTrigger(),
        determinations: [
          expect.objectContaining({
            country: 'KH',
            policyStatus: 'not-listed',
            provision: null,
            exceptionsApplied: [],
            policyVersion: 3,
            citation: expect.objectContaining({ frDocument: '2025-19822' }),
          }),
        ],
      },
    });
    expect(aggregate.state).toMatchObject({
      reviewTrack: 'case-by-case',
      notificationDuty126_1e: false,
      determinations: [expect.objectContaining({ country: 'KH', policyStatus: 'not-listed', policyVersion: 3 })],
      reevaluations: [expect.objectContaining({ reevaluationId: REEVALUATION_ID, outcome: 'revised' })],
    });
  });

  it('revises the CN+KH case on policy-of-denial: China is still Table 1, Cambodia’s determination is current (revised)', () => {
    const { outcome, aggregate } = whenReevaluated(cnKhCase());
    expect(outcome).toBe('revised');
    expect(aggregate.getUncommittedEvents()[0]?.data).toMatchObject({
      reviewTrack: 'policy-of-denial',
      revisedCountries: ['KH'],
      notificationDuty126_1e: true,
    });
    expect(aggregate.state?.reviewTrack).toBe('policy-of-denial');
  });

  it('records nothing when the same register is applied again: nothing has changed (unchanged)', () => {
    const revised = reevaluated(khDeminingCase());
    const { outcome, then } = whenReevaluated(revised, aReevaluation({ reevaluationId: OTHER_REEVALUATION_ID }));
    then([]);
    expect(outcome).toBe('unchanged');
  });

  it('lets the case be approved once it is on case-by-case, where POLICY_OF_DENIAL refused it before', () => {
    givenCase(reevaluated(assignedBeforeRemoval(khCase())))
      .when((a) => a.approve(anApproval()))
      .then([aLicenceApproved()]);
  });

  it('does not change the case state or the command it is given (a pure decision)', () => {
    const state = deepFreeze(structuredClone(assignedBeforeRemoval(khCase()).state));
    const command = deepFreeze(aReevaluation());
    expect(decideReevaluation(state, command)).toEqual({
      outcome: 'changed',
      events: [expect.objectContaining({ type: REVIEW_TRACK_CHANGED })],
    });
  });
});

describe('LicenceApplication.reevaluate on a decided case', () => {
  it.each<[string, () => CaseHistory]>([
    ['denied', () => assignedBeforeRemoval(khCase()).denied({ at: BEFORE_REMOVAL.decided })],
    ['withdrawn', () => khCase().withdrawn({ at: BEFORE_REMOVAL.decided })],
    ['returned without action', () => khCase().returned({ at: BEFORE_REMOVAL.decided })],
  ])('answers not-affected for a %s case and records nothing: its track no longer matters', (_label, history) => {
    const before = history();
    const { outcome, then } = whenReevaluated(before);
    const application = then([]);
    expect(outcome).toBe('not-affected');
    expect(application.state).toEqual(before.state);
  });

  it('answers not-affected for a denied case under a tightening too: there is no licence to review', () => {
    const { outcome, then } = whenReevaluated(aCase({ parties: [anEndUser('KH')] }).assigned().denied(), relistingRun());
    then([]);
    expect(outcome).toBe('not-affected');
  });
});

describe('a tightening reaching an issued licence (LicenceFlaggedForReview, 22 CFR 126.7)', () => {
  it('is a tightening: the re-listing takes Cambodia from not-listed to Table 2, as its version 5', () => {
    expect(KH_RELISTING_TRIGGER).toMatchObject({
      countryCode: 'KH',
      policyVersion: 5,
      from: 'not-listed',
      to: 'denial-with-exceptions',
    });
  });

  it('flags an approved, unexpired Cambodian licence for a supervisor, with the new determination and the trigger', () => {
    const history = approvedKhLicence();
    const { outcome, then } = whenReevaluated(history, relistingRun());
    const application = then([
      {
        type: LICENCE_FLAGGED_FOR_REVIEW,
        data: {
          applicationId: APPLICATION_ID,
          reevaluationId: OTHER_REEVALUATION_ID,
          reason: 'KH is now denial-with-exceptions under 22 CFR 126.1: review the licence under 22 CFR 126.7',
          authority: '22 CFR 126.7',
          determination: RELISTED_KH,
          trigger: KH_RELISTING_TRIGGER,
          flaggedAt: RELISTING_AT,
          flaggedBy: REEVALUATOR,
        },
      },
    ]);
    expect(outcome).toBe('flagged');
    expect(application.state).toMatchObject({
      flaggedForReview: true,
      reevaluations: [
        { reevaluationId: OTHER_REEVALUATION_ID, outcome: 'flagged', policyEventId: RELISTING_EVENT_ID, at: RELISTING_AT },
      ],
      lastChangedAt: RELISTING_AT,
    });
    // A flag asks for a review; only a supervisor's suspension or revocation acts on the licence.
    expect(application.state).toMatchObject({
      status: 'approved',
      licence: history.state!.licence,
      decision: history.state!.decision,
      reviewTrack: 'case-by-case',
      // The flagged destination shows the determination that flagged it, so a later run compares with it.
      determinations: [RELISTED_KH],
    });
  });

  it('flags a suspended licence as well: a suspension is temporary, the licence may be reinstated', () => {
    const { outcome, then } = whenReevaluated(approvedKhLicence().suspended(), relistingRun());
    const application = then([expect.objectContaining({ type: LICENCE_FLAGGED_FOR_REVIEW })]);
    expect(outcome).toBe('flagged');
    expect(application.state).toMatchObject({ status: 'suspended', flaggedForReview: true });
  });

  it('flags a licence whose last valid day is the day the re-listing comes into force', () => {
    const history = aCase({ parties: [anEndUser('KH')] }).assigned().approved({ validUntil: RELISTED_ON });
    expect(whenReevaluated(history, relistingRun()).outcome).toBe('flagged');
  });

  it('flags again on a later tightening (Table 2 → Table 1), citing the new determination', () => {
    const { outcome, then } = whenReevaluated(reevaluated(approvedKhLicence(), relistingRun()), table1Run());
    const application = then([
      expect.objectContaining({
        type: LICENCE_FLAGGED_FOR_REVIEW,
        data: expect.objectContaining({
          reevaluationId: TABLE_1_RUN_ID,
          reason: 'KH is now denial under 22 CFR 126.1: review the licence under 22 CFR 126.7',
          determination: expect.objectContaining({
            policyStatus: 'denial',
            table: 1,
            provision: '22 CFR 126.1(d)(1)',
            paragraph: null,
            track: 'policy-of-denial',
            policyVersion: 6,
            citation: TABLE_1_CITATION,
          }),
          trigger: KH_TABLE_1_TRIGGER,
        }),
      }),
    ]);
    expect(outcome).toBe('flagged');
    expect(application.state?.reevaluations.map((r) => [r.reevaluationId, r.outcome, r.policyEventId])).toEqual([
      [OTHER_REEVALUATION_ID, 'flagged', RELISTING_EVENT_ID],
      [TABLE_1_RUN_ID, 'flagged', TABLE_1_EVENT_ID],
    ]);
  });

  it.each<[string, () => CaseHistory]>([
    [
      'expired',
      () =>
        aCase({ parties: [anEndUser('KH')] })
          .assigned()
          .approved({ validUntil: '2026-05-31' })
          .expired({ today: RELISTED_ON, at: '2026-06-01T00:05:00.000Z' }),
    ],
    // The expiry scheduler has not recorded it yet, but the licence is past its last valid day on the policy date.
    ['past its last valid day', () => aCase({ parties: [anEndUser('KH')] }).assigned().approved({ validUntil: '2026-05-31' })],
    ['revoked', () => approvedKhLicence().revoked()],
  ])('answers not-affected for a licence that is %s, and records nothing', (_label, history) => {
    const { outcome, then } = whenReevaluated(history(), relistingRun());
    then([]);
    expect(outcome).toBe('not-affected');
  });

  it('answers not-affected for a live licence with no destination in the country', () => {
    const { outcome, then } = whenReevaluated(aCase().assigned().approved(), relistingRun());
    then([]);
    expect(outcome).toBe('not-affected');
  });

  it('answers not-affected for a live Cambodian licence under the removal: a loosening calls for no review', () => {
    const demining = assignedBeforeRemoval(khDeminingCase()).approved({ at: BEFORE_REMOVAL.decided });
    const { outcome, then } = whenReevaluated(demining);
    then([]);
    expect(outcome).toBe('not-affected');
  });

  it('answers not-affected for a live Cambodian licence when the status stays the same (the 2025 table re-insertion)', () => {
    const reinsertion = seededStatusChange('KH-2025-07-07-table-reinserted');
    expect(reinsertion.data).toMatchObject({ from: 'denial-with-exceptions', to: 'denial-with-exceptions', policyVersion: 2 });
    const licence = aCase({
      parties: [anEndUser('KH', 'Cambodian Mine Action Centre')],
      endUseCodes: ['humanitarian-demining'],
      submittedAt: '2025-03-03T10:00:00.000Z',
      policy: snapshotOn('2025-03-03'),
    })
      .assigned({ at: '2025-03-04T09:00:00.000Z' })
      .approved({ at: '2025-04-01T11:00:00.000Z' });
    const { outcome, then } = whenReevaluated(
      licence,
      aReevaluation({ trigger: triggerOf(reinsertion, REINSERTION_EVENT_ID), policy: snapshotOn('2025-07-07') }),
    );
    then([]);
    expect(outcome).toBe('not-affected');
  });

  it.each<[string, () => CaseHistory, string]>([
    ['suspends', () => reevaluated(approvedKhLicence(), relistingRun()).suspended({ at: '2026-06-10T08:00:00.000Z' }), 'suspended'],
    ['revokes', () => reevaluated(approvedKhLicence(), relistingRun()).revoked({ at: '2026-06-10T08:00:00.000Z' }), 'revoked'],
  ])('clears the flag when a supervisor %s the licence: the review has been acted on', (_label, history, status) => {
    const state = history().state!;
    expect(state).toMatchObject({ status, flaggedForReview: false });
    // The flag itself stays on record.
    expect(state.reevaluations).toEqual([expect.objectContaining({ outcome: 'flagged' })]);
  });
});

describe('a tightening reaching a pending case', () => {
  it('moves a pending Cambodian case back to policy-of-denial, with the §126.1(e) duty to notify', () => {
    const { outcome, then } = whenReevaluated(aCase({ parties: [anEndUser('KH', 'Royal Cambodian Armed Forces')] }), relistingRun());
    then([
      {
        type: REVIEW_TRACK_CHANGED,
        data: {
          applicationId: APPLICATION_ID,
          reevaluationId: OTHER_REEVALUATION_ID,
          from: 'case-by-case',
          to: 'policy-of-denial',
          determinations: [RELISTED_KH],
          notificationDuty126_1e: true,
          congressionalNotification: expect.objectContaining({ applicable: true, required: false }),
          policyDate: RELISTED_ON,
          trigger: KH_RELISTING_TRIGGER,
          changedAt: RELISTING_AT,
          changedBy: REEVALUATOR,
        },
      },
    ]);
    expect(outcome).toBe('changed');
  });

  it('flags no pending case: a pending case has no licence, its track is what changes', () => {
    const { aggregate } = whenReevaluated(aCase({ parties: [anEndUser('KH')] }).assigned(), relistingRun());
    expect(aggregate.getUncommittedEvents().map((e) => e.type)).toEqual([REVIEW_TRACK_CHANGED]);
    expect(aggregate.state?.flaggedForReview).toBe(false);
  });

  it('leaves a pending demining case on case-by-case under the re-listed ¶(o), revising its determination (revised)', () => {
    const demining = aCase({ parties: [anEndUser('KH', 'Cambodian Mine Action Centre')], endUseCodes: ['humanitarian-demining'] });
    const { outcome, aggregate } = whenReevaluated(demining, relistingRun());
    expect(outcome).toBe('revised');
    expect(aggregate.getUncommittedEvents()[0]?.data).toMatchObject({
      reviewTrack: 'case-by-case',
      notificationDuty126_1e: true,
      determinations: [expect.objectContaining({ paragraph: '(o)', exceptionsApplied: ['humanitarian-demining'], policyVersion: 5 })],
    });
  });
});

describe('exactly once per re-evaluation run', () => {
  it('answers the recorded outcome and appends nothing when the same run re-evaluates a changed case again', () => {
    const history = reevaluated(assignedBeforeRemoval(khCase()));
    const { outcome, then } = whenReevaluated(history);
    const application = then([]);
    expect(outcome).toBe('changed');
    expect(application.state).toEqual(history.state);
  });

  it('answers changed even if the case was decided since: a resumed run replays its last batch as it was', () => {
    const history = reevaluated(assignedBeforeRemoval(khCase())).approved();
    const { outcome, then } = whenReevaluated(history);
    then([]);
    expect(outcome).toBe('changed');
  });

  it('answers flagged and appends nothing when the same run re-evaluates a flagged licence again', () => {
    const history = reevaluated(approvedKhLicence(), relistingRun());
    const { outcome, then } = whenReevaluated(history, relistingRun({ at: '2026-06-01T07:00:00.000Z' }));
    const application = then([]);
    expect(outcome).toBe('flagged');
    expect(application.state?.reevaluations).toHaveLength(1);
  });

  it('re-evaluates again for another run: the re-listing moves the changed case back to policy-of-denial', () => {
    const history = reevaluated(assignedBeforeRemoval(khCase()));
    const { outcome, then } = whenReevaluated(history, relistingRun());
    const application = then([
      expect.objectContaining({
        type: REVIEW_TRACK_CHANGED,
        data: expect.objectContaining({
          reevaluationId: OTHER_REEVALUATION_ID,
          from: 'case-by-case',
          to: 'policy-of-denial',
          determinations: [expect.objectContaining({ country: 'KH', policyVersion: 5 })],
          policyDate: RELISTED_ON,
        }),
      }),
    ]);
    expect(outcome).toBe('changed');
    expect(application.state?.reviewTrack).toBe('policy-of-denial');
    expect(application.state?.reevaluations.map((r) => [r.reevaluationId, r.policyEventId])).toEqual([
      [REEVALUATION_ID, KH_REMOVAL_EVENT_ID],
      [OTHER_REEVALUATION_ID, RELISTING_EVENT_ID],
    ]);
  });

  it('answers unchanged for another run on the same register: the case is already on the track it gives', () => {
    const { outcome, then } = whenReevaluated(
      reevaluated(assignedBeforeRemoval(khCase())),
      aReevaluation({ reevaluationId: OTHER_REEVALUATION_ID }),
    );
    then([]);
    expect(outcome).toBe('unchanged');
  });
});

describe('an invalid re-evaluation', () => {
  it.each<[string, Partial<ReevaluateCase>, string[]]>([
    ['a blank reevaluationId', { reevaluationId: '  ' }, ['reevaluationId']],
    ['an empty reevaluationId', { reevaluationId: '' }, ['reevaluationId']],
    ['an `at` that is only a date', { at: '2025-11-07' }, ['at']],
    ['an `at` without its offset', { at: '2025-11-07T06:00:00' }, ['at']],
    ['an `at` on 31 November', { at: '2025-11-31T06:00:00Z' }, ['at']],
    ['no actor', { by: '' }, ['by']],
    ['a blank reevaluationId and a bad `at`', { reevaluationId: '', at: 'yesterday' }, ['at', 'reevaluationId']],
  ])('%s is refused (INVALID_CASE_COMMAND) on exactly the offending fields', (_label, overrides, fields) => {
    const error = givenCase(khCase())
      .when((a) => a.reevaluate(aReevaluation(overrides)))
      .thenThrows('INVALID_CASE_COMMAND', fields);
    expect(error.errors.map((e) => e.field).sort()).toEqual(fields);
    expect(error.kind).toBe('invalid');
  });

  it('refuses a malformed command even from a run that already changed the case', () => {
    givenCase(reevaluated(khCase()))
      .when((a) => a.reevaluate(aReevaluation({ at: 'not-an-instant' })))
      .thenThrows('INVALID_CASE_COMMAND', ['at']);
  });

  it('answers APPLICATION_NOT_FOUND for a case never submitted, before looking at the command', () => {
    const error = givenCase([])
      .when((a) => a.reevaluate(aReevaluation({ reevaluationId: '' })))
      .thenThrows('APPLICATION_NOT_FOUND');
    expect(error.kind).toBe('not-found');
  });

  it('refuses a command addressed to another case (COMMAND_TARGET_MISMATCH)', () => {
    givenCase(khCase())
      .when((a) => a.reevaluate(aReevaluation({ applicationId: '0b7f3c7e-5d1a-4c47-9a59-2f1f1b6f8e99' })))
      .thenThrows('COMMAND_TARGET_MISMATCH', ['applicationId']);
  });
});
