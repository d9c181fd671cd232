import { removeDir, startTestApp, type TestApp } from '../support/test-app';
import { anAssignedCase, officeTokens, postOnCase, submitCase, type OfficeTokens } from '../support/case-actions';
import { caseOf, historyOf, recordStatusChange, relistCambodia, removeCambodia, runOf } from '../support/status-changes';

const KH_RADIOS = { parties: [{ role: 'end-user', name: 'Royal Cambodian Armed Forces', country: 'KH' }] };
const KH_DEMINING = {
  parties: [{ role: 'end-user', name: 'Cambodian Mine Action Centre', country: 'KH' }],
  endUseCodes: ['humanitarian-demining'],
};

interface RelistedOffice {
  readonly t: TestApp;
  readonly tokens: OfficeTokens;
  readonly pending: string[];
  readonly demining: string[];
  readonly approved: string;
  readonly approvedDemining: string;
  /** The re-listing, and its run. */
  readonly changeId: string;
  readonly reevaluationId: string;
}

/**
 * A fresh app on 29 November 2026 (Cambodia not listed) with pending and approved Cambodia cases; then a policy
 * administrator re-lists Cambodia the same day and the run is done.
 */
async function aRelistedOffice(): Promise<RelistedOffice> {
  const t = await startTestApp({ now: '2026-11-29T09:00:00.000Z' });
  const tokens = officeTokens(t);
  const pending: string[] = [];
  const demining: string[] = [];
  for (let i = 0; i < 3; i += 1) pending.push(await submitCase(t, tokens, KH_RADIOS));
  for (let i = 0; i < 2; i += 1) demining.push(await submitCase(t, tokens, KH_DEMINING));
  const approved = await anAssignedCase(t, tokens, KH_RADIOS);
  await postOnCase(t, tokens.officer, approved, 'approve', { provisos: [] }).expect(200);
  const approvedDemining = await anAssignedCase(t, tokens, KH_DEMINING);
  await postOnCase(t, tokens.officer, approvedDemining, 'approve', { provisos: [] }).expect(200);
  const { changeId, reevaluationId } = await recordStatusChange(t, 'KH', relistCambodia('2026-11-29'));
  await t.reevaluate();
  return { t, tokens, pending, demining, approved, approvedDemining, changeId, reevaluationId };
}

async function closeOffice(office: RelistedOffice | undefined): Promise<void> {
  if (office === undefined) return;
  try {
    await office.t.close();
  } finally {
    removeDir(office.t.dataDir);
  }
}

/**
 * The "done when" walk of re-evaluation: a policy administrator re-lists Cambodia (a tightening), then removes it
 * again. Each change gets one run that reports its progress and completes.
 */
describe('re-listing Cambodia, then removing it again', () => {
  // The re-listing tests read the office the beforeAll builds; the removal, which changes what they read, runs on
  // an office of its own. So the tests hold in any order.
  let office: RelistedOffice;

  beforeAll(async () => {
    office = await aRelistedOffice();
  });
  afterAll(() => closeOffice(office));

  it('re-listing moves every pending Cambodia case to policy of denial, keeps demining case by case, flags the licences', async () => {
    const { t, tokens, pending, demining, approved, approvedDemining, changeId, reevaluationId } = office;
    expect(await runOf(t, reevaluationId)).toMatchObject({
      status: 'completed',
      total: 7,
      processed: 7,
      changed: 3,
      // The demining cases stay case by case under the re-listed ¶(o); their determinations are revised.
      revised: 2,
      unchanged: 0,
      flagged: 2,
      notAffected: 0,
      startedAt: expect.any(String),
      completedAt: expect.any(String),
    });
    for (const id of pending) {
      expect(await caseOf(t, id)).toMatchObject({
        reviewTrack: 'policy-of-denial',
        notificationDuty126_1e: true,
        determinations: [expect.objectContaining({ country: 'KH', policyStatus: 'denial-with-exceptions', paragraph: '(o)', exceptionApplied: null, policyVersion: 5 })],
      });
    }
    for (const id of demining) expect((await caseOf(t, id)).reviewTrack).toBe('case-by-case');
    for (const id of [approved, approvedDemining]) {
      expect(await caseOf(t, id)).toMatchObject({ status: 'approved', flaggedForReview: true });
      expect((await historyOf(t, id)).at(-1)).toMatchObject({
        type: 'LicenceFlaggedForReview',
        data: { authority: '22 CFR 126.7', reevaluationId, trigger: expect.objectContaining({ policyEventId: changeId, to: 'denial-with-exceptions' }) },
        metadata: { causationId: changeId, actor: 'system:reevaluation' },
      });
    }
    // A pending case on policy of denial cannot be approved (docs/product.md §2). (Assigning it changes nothing the
    // other re-listing test reads.)
    await postOnCase(t, tokens.supervisor, pending[0]!, 'assign', { officerId: 'officer-1' }).expect(200);
    const refused = await postOnCase(t, tokens.officer, pending[0]!, 'approve', { provisos: [] }).expect(409);
    expect(refused.body.code).toBe('POLICY_OF_DENIAL');
  });

  it('the run lists the cases it left on their track with revised determinations', async () => {
    const { t, tokens, demining } = office;
    // Newest first: the re-listing's run.
    const runs = await t.http.get('/reevaluations?country=KH&limit=1').set('Authorization', `Bearer ${tokens.auditor}`).expect(200);
    const latest = runs.body.items[0].id as string;
    expect(runs.body.items[0]).toMatchObject({ status: 'completed', revised: 2, unchanged: 0 });
    for (const id of demining) {
      expect(await caseOf(t, id)).toMatchObject({
        reviewTrack: 'case-by-case',
        notificationDuty126_1e: true,
        determinations: [expect.objectContaining({ paragraph: '(o)', exceptionsApplied: ['humanitarian-demining'], policyVersion: 5 })],
      });
    }
    const unchanged = await t.http
      .get(`/reevaluations/${latest}/cases?outcome=revised`)
      .set('Authorization', `Bearer ${tokens.auditor}`)
      .expect(200);
    expect((unchanged.body.items as Array<{ applicationId: string }>).map((item) => item.applicationId).sort()).toEqual([...demining].sort());
  });

  it('removing Cambodia again moves them back to case by case, and flags nothing', async () => {
    // Its own office: the removal moves the cases the re-listing tests read.
    let own: RelistedOffice | undefined;
    try {
      own = await aRelistedOffice();
      const { t, tokens, pending } = own;
      // As the walk leaves it: one of the pending cases assigned (the refused approval above).
      await postOnCase(t, tokens.supervisor, pending[0]!, 'assign', { officerId: 'officer-1' }).expect(200);
      t.clock.set('2026-12-02T09:00:00.000Z');
      const { changeId, reevaluationId } = await recordStatusChange(t, 'KH', removeCambodia('2026-12-02'));
      await t.reevaluate();

      expect(await runOf(t, reevaluationId)).toMatchObject({ status: 'completed', processed: 5, changed: 3, revised: 2, unchanged: 0, flagged: 0 });
      for (const id of pending) {
        const view = await caseOf(t, id);
        expect(view).toMatchObject({ reviewTrack: 'case-by-case', determinations: [expect.objectContaining({ policyVersion: 6 })] });
        // Two runs moved it, each once: the history holds both, in order.
        const moves = (await historyOf(t, id)).filter((event) => event.type === 'ReviewTrackChanged');
        expect(moves.map((event) => [event.data.from, event.data.to])).toEqual([
          ['case-by-case', 'policy-of-denial'],
          ['policy-of-denial', 'case-by-case'],
        ]);
        expect(moves[1]!.data.trigger.policyEventId).toBe(changeId);
      }
    } finally {
      await closeOffice(own);
    }
  });
});
