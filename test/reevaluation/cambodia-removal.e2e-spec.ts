import { removeDir, startTestApp, type TestApp } from '../support/test-app';
import { anAssignedCase, CHINA_END_USER, officeTokens, postOnCase, submitCase, type OfficeTokens } from '../support/case-actions';
import { caseOf, historyOf, runOf } from '../support/status-changes';
import { reevaluationIdFor } from '../../apps/api/src/reevaluation/reevaluation-ids';

/**
 * docs/product.md §1–2, end to end over HTTP: cases submitted while Cambodia was on §126.1 (Table 2, ¶(o)), then the
 * 7 November 2025 removal (FR Doc 2025-19822) comes into force. The removal is in the seeded register, recorded
 * before it applies (the test clock starts on 1 October 2025), so its run is scheduled and starts on the day.
 */
const KH_MOD = { parties: [{ role: 'end-user', name: 'Royal Cambodian Armed Forces', country: 'KH' }] };
const KH_DEMINING = {
  parties: [{ role: 'end-user', name: 'Cambodian Mine Action Centre', country: 'KH' }],
  endUseCodes: ['humanitarian-demining'],
};
const CN_AND_KH = {
  parties: [
    { role: 'end-user', name: 'Royal Cambodian Armed Forces', country: 'KH' },
    { role: 'intermediate-consignee', name: 'Shenzhen Logistics', country: 'CN' },
  ],
};

/** The day the removal comes into force, a few seconds after midnight (UTC). */
const REMOVAL_DAY = '2025-11-07T00:00:05.000Z';

interface CambodiaOffice {
  readonly t: TestApp;
  readonly tokens: OfficeTokens;
  /** The seeded 7 November 2025 removal, and the id of its run. */
  readonly removalId: string;
  readonly runId: string;
  readonly ids: Record<string, string>;
}

/** A fresh app on 1 October 2025 (Cambodia listed, the removal recorded but not yet in force) with the office's cases. */
async function aCambodiaOffice(): Promise<CambodiaOffice> {
  const t = await startTestApp({ now: '2025-10-01T09:00:00.000Z' });
  const tokens = officeTokens(t);
  const country = await t.http.get('/countries/KH').set('Authorization', `Bearer ${tokens.auditor}`).expect(200);
  const removalId = (country.body.history as Array<{ changeId: string; effectiveOn: string }>).find(
    (change) => change.effectiveOn === '2025-11-07',
  )!.changeId;
  const ids: Record<string, string> = {};
  ids.pending = await submitCase(t, tokens, KH_MOD);
  ids.demining = await submitCase(t, tokens, KH_DEMINING);
  ids.referred = await anAssignedCase(t, tokens, KH_MOD);
  await postOnCase(t, tokens.officer, ids.referred, 'referrals', { agency: 'DTSA' }).expect(200);
  ids.denied = await anAssignedCase(t, tokens, KH_MOD);
  await postOnCase(t, tokens.officer, ids.denied, 'deny', { reason: '22 CFR 126.1(o): no exception applies' }).expect(200);
  ids.china = await submitCase(t, tokens, CHINA_END_USER);
  ids.chinaAndCambodia = await submitCase(t, tokens, CN_AND_KH);
  return { t, tokens, removalId, runId: reevaluationIdFor(removalId), ids };
}

/**
 * The same office once the removal is in force: a case withdrawn while Cambodia was listed (the run must leave it
 * alone), then the clock on 7 November and the run done.
 */
async function theRemovalInForce(): Promise<CambodiaOffice> {
  const office = await aCambodiaOffice();
  const { t, tokens, ids } = office;
  ids.withdrawn = await anAssignedCase(t, tokens, KH_MOD);
  await postOnCase(t, tokens.intake, ids.withdrawn, 'withdraw', { reason: 'Applicant withdrew' }).expect(200);
  t.clock.set(REMOVAL_DAY);
  await t.reevaluate();
  return office;
}

async function closeOffice(office: CambodiaOffice | undefined): Promise<void> {
  if (office === undefined) return;
  try {
    await office.t.close();
  } finally {
    removeDir(office.t.dataDir);
  }
}

describe('Cambodia leaves §126.1 on 7 November 2025: pending Cambodia cases move to case-by-case', () => {
  // Each block reads the state its beforeAll builds, so the tests hold in any order; the one test that acts on a
  // moved case (approving it) gets an office of its own, as the others read that case's history.
  describe('before 7 November', () => {
    let office: CambodiaOffice;
    beforeAll(async () => {
      office = await aCambodiaOffice();
    });
    afterAll(() => closeOffice(office));

    it('while Cambodia is listed: policy of denial, except demining under ¶(o), and approval is refused', async () => {
      const { t, tokens, ids } = office;
      expect((await caseOf(t, ids.pending!)).reviewTrack).toBe('policy-of-denial');
      expect(await caseOf(t, ids.demining!)).toMatchObject({
        reviewTrack: 'case-by-case',
        notificationDuty126_1e: true,
        // ¶(o) as listed by 86 FR 70053: the 2025 table re-insertion is editorial, not a version (docs/regulatory-fidelity.md).
        determinations: [
          expect.objectContaining({
            country: 'KH',
            exceptionsApplied: ['humanitarian-demining'],
            uncoveredEndUses: [],
            policyVersion: 1,
            citation: expect.objectContaining({ frCitation: '86 FR 70053' }),
          }),
        ],
      });
      await postOnCase(t, tokens.officer, ids.referred!, 'approve', { provisos: [] }).expect(409);
      // A case of its own: the other test of this block does not read it.
      const pending = await anAssignedCase(t, tokens, KH_MOD);
      const refused = await postOnCase(t, tokens.officer, pending, 'approve', { provisos: [] }).expect(409);
      expect(refused.body.code).toBe('POLICY_OF_DENIAL');
      await postOnCase(t, tokens.officer, pending, 'withdraw', { reason: 'not needed' }).expect(403);
      await postOnCase(t, tokens.intake, pending, 'withdraw', { reason: 'Applicant withdrew' }).expect(200);
    });

    it('the removal is recorded ahead of its date: its run waits, scheduled, and nothing moves before 7 November', async () => {
      const { t, tokens, ids, removalId, runId } = office;
      const country = await t.http.get('/countries/KH').set('Authorization', `Bearer ${tokens.auditor}`).expect(200);
      expect(country.body).toMatchObject({ status: 'denial-with-exceptions', paragraph: '(o)' });
      expect(country.body.pending).toEqual([expect.objectContaining({ changeId: removalId, to: 'not-listed', effectiveOn: '2025-11-07' })]);
      await t.reevaluate();
      expect(await runOf(t, runId)).toMatchObject({ id: runId, status: 'scheduled', processed: 0 });
      expect((await caseOf(t, ids.pending!)).reviewTrack).toBe('policy-of-denial');
    });
  });

  describe('from 7 November', () => {
    let office: CambodiaOffice;
    beforeAll(async () => {
      office = await theRemovalInForce();
    });
    afterAll(() => closeOffice(office));
    // A test that moves the clock must not leave it moved for the others.
    afterEach(() => office?.t.clock.set(REMOVAL_DAY));

    /**
     * A case the removal's run reached: case by case, no §126.1(e) duty, its Cambodia determination the removal's
     * (not listed, version 3, FR Doc 2025-19822) with `determination`'s fields, and the run's `outcome` on it.
     */
    const reachedByTheRun = (outcome: string, determination: Record<string, unknown> = {}) => ({
      reviewTrack: 'case-by-case',
      notificationDuty126_1e: false,
      determinations: [
        expect.objectContaining({
          country: 'KH',
          policyStatus: 'not-listed',
          ...determination,
          policyVersion: 3,
          citation: expect.objectContaining({ frDocument: '2025-19822' }),
        }),
      ],
      reevaluations: [expect.objectContaining({ reevaluationId: office.runId, outcome, policyEventId: office.removalId })],
    });

    it('on 7 November the run moves every pending Cambodia case, and accounts for the ones it leaves', async () => {
      const { t, ids, removalId, runId } = office;
      expect(await runOf(t, runId)).toMatchObject({
        status: 'completed',
        // pending, referred, demining and China+Cambodia: the denied, withdrawn and China-only cases are not selected.
        total: 4,
        processed: 4,
        changed: 2,
        // demining and China+Cambodia stay on their track, with their Cambodia determination brought up to date.
        revised: 2,
        unchanged: 0,
        flagged: 0,
        trigger: expect.objectContaining({ policyEventId: removalId, countryCode: 'KH', policyVersion: 3, from: 'denial-with-exceptions', to: 'not-listed' }),
      });
      for (const id of [ids.pending!, ids.referred!]) expect(await caseOf(t, id)).toMatchObject(reachedByTheRun('changed'));
      // The referral is still open: a re-evaluation changes the track, not the workflow.
      expect((await caseOf(t, ids.referred!)).status).toBe('referred');
    });

    it("each moved case's history says why: the trigger, its citation, and the policy event as causation", async () => {
      const { t, ids, removalId, runId } = office;
      const last = (await historyOf(t, ids.pending!)).at(-1)!;
      expect(last).toMatchObject({
        type: 'ReviewTrackChanged',
        data: {
          from: 'policy-of-denial',
          to: 'case-by-case',
          reevaluationId: runId,
          policyDate: '2025-11-07',
          trigger: expect.objectContaining({
            policyEventId: removalId,
            kind: 'status-change',
            countryCode: 'KH',
            effectiveOn: '2025-11-07',
            citation: expect.objectContaining({ frDocument: '2025-19822' }),
          }),
        },
        metadata: { actor: 'system:reevaluation', causationId: removalId, correlationId: runId },
      });
    });

    it('decided cases and China cases record nothing; cases whose track stays change no track', async () => {
      const { t, ids } = office;
      for (const id of [ids.denied!, ids.china!, ids.chinaAndCambodia!, ids.demining!]) {
        expect((await historyOf(t, id)).map((event) => event.type)).not.toContain('ReviewTrackChanged');
      }
      for (const id of [ids.denied!, ids.china!]) {
        expect((await historyOf(t, id)).map((event) => event.type)).not.toContain('DeterminationsRevised');
      }
      expect((await caseOf(t, ids.chinaAndCambodia!)).reviewTrack).toBe('policy-of-denial');
      expect((await caseOf(t, ids.denied!)).status).toBe('denied');
    });

    it('the demining case never shows a stale determination: not-listed, FR Doc 2025-19822, no §126.1(e) duty', async () => {
      const { t, tokens, ids, removalId, runId } = office;
      expect(await caseOf(t, ids.demining!)).toMatchObject(
        reachedByTheRun('revised', {
          table: null,
          provision: null,
          paragraph: null,
          exceptionsApplied: [],
          unconfirmed: ['citation.frCitation', 'announcedOn'],
        }),
      );
      const last = (await historyOf(t, ids.demining!)).at(-1)!;
      expect(last).toMatchObject({
        type: 'DeterminationsRevised',
        data: { reviewTrack: 'case-by-case', revisedCountries: ['KH'], reevaluationId: runId, notificationDuty126_1e: false },
        metadata: { actor: 'system:reevaluation', causationId: removalId, correlationId: runId },
      });
      // China keeps the China + Cambodia case on policy of denial, but its Cambodia determination is current too.
      expect((await caseOf(t, ids.chinaAndCambodia!)).determinations).toEqual([
        expect.objectContaining({ country: 'KH', policyStatus: 'not-listed', policyVersion: 3 }),
        expect.objectContaining({ country: 'CN', policyStatus: 'denial' }),
      ]);
      const revised = await t.http
        .get(`/reevaluations/${runId}/cases?outcome=revised`)
        .set('Authorization', `Bearer ${tokens.auditor}`)
        .expect(200);
      expect((revised.body.items as Array<{ applicationId: string; outcome: string }>).map((c) => c.applicationId).sort()).toEqual(
        [ids.demining!, ids.chinaAndCambodia!].sort(),
      );
      // The list shows the case on its track, revised after the submission.
      const listed = await t.http
        .get('/applications?country=KH&reviewTrack=case-by-case')
        .set('Authorization', `Bearer ${tokens.auditor}`)
        .expect(200);
      expect((listed.body.items as Array<{ id: string }>).map((item) => item.id)).toContain(ids.demining!);
    });

    it('a moved Cambodia case can now be approved', async () => {
      // Its own office: approving changes the moved case whose history another test reads to the last event.
      let own: CambodiaOffice | undefined;
      try {
        own = await theRemovalInForce();
        const { t, tokens, ids } = own;
        await postOnCase(t, tokens.supervisor, ids.pending!, 'assign', { officerId: 'officer-1' }).expect(200);
        const approved = await postOnCase(t, tokens.officer, ids.pending!, 'approve', { provisos: ['No retransfer'] }).expect(200);
        expect(approved.body).toMatchObject({ status: 'approved', reviewTrack: 'case-by-case' });
      } finally {
        await closeOffice(own);
      }
    });

    it('re-running changes nothing: each case is re-evaluated once per policy version', async () => {
      const { t, runId } = office;
      const before = await t.lastPosition();
      await t.reevaluate();
      t.clock.set('2025-11-08T10:00:00.000Z');
      await t.reevaluate();
      expect(await t.lastPosition()).toBe(before);
      expect(await runOf(t, runId)).toMatchObject({ status: 'completed', processed: 4, changed: 2, revised: 2 });
    });
  });
});
