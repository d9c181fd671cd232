import { startTestApp, stopTestApp, type TestApp } from '../support/test-app';
import { officeTokens, submitCase, type OfficeTokens } from '../support/case-actions';
import { caseOf, historyOf, recordStatusChange, relistCambodia, removeCambodia, runOf } from '../support/status-changes';
import { anApplication } from '../support/test-app';
import { PolicyRegisterReadModel } from '../../apps/api/src/country-policy/register/policy-register.read-model';

const KH_RADIOS = { parties: [{ role: 'end-user', name: 'Royal Cambodian Armed Forces', country: 'KH' }] };

/**
 * docs/product.md §2: "No case may end on a stale track: a case submitted concurrently with a policy change is caught (every
 * determination records the policy version it used)." A submission reads the register, then appends; a change
 * recorded in between leaves the new case on the outdated version.
 */
describe('a submission racing a §126.1 change never ends on a stale track', () => {
  let t: TestApp;
  let tokens: OfficeTokens;

  beforeEach(async () => {
    t = await startTestApp({ now: '2026-11-29T09:00:00.000Z' });
    tokens = officeTokens(t);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await stopTestApp(t);
  });

  it('a case decided on the register read before the change, appended after its run completed, is caught late', async () => {
    // Hold one submission between its register read and its append.
    const register = t.app.get(PolicyRegisterReadModel, { strict: false });
    const original = register.snapshot.bind(register);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let readRegister!: () => void;
    const registerRead = new Promise<void>((resolve) => (readRegister = resolve));
    jest.spyOn(register, 'snapshot').mockImplementationOnce(async (date: string) => {
      const snapshot = await original(date);
      readRegister();
      await gate;
      return snapshot;
    });
    const submission = t.http.post('/applications').set('Authorization', `Bearer ${tokens.intake}`).send(anApplication(KH_RADIOS)).then((r) => r);
    await registerRead;

    const { reevaluationId } = await recordStatusChange(t, 'KH', relistCambodia('2026-11-29'));
    await t.reevaluate();
    expect(await runOf(t, reevaluationId)).toMatchObject({ status: 'completed', processed: 0, caughtLate: 0 });

    release();
    const submitted = await submission;
    expect(submitted.status).toBe(201);
    // Decided on Cambodia's previous version (not listed): case by case, and stale.
    expect(submitted.body).toMatchObject({ reviewTrack: 'case-by-case', determinations: [expect.objectContaining({ policyVersion: 3 })] });

    await t.reevaluate();
    const id = submitted.body.id as string;
    expect(await caseOf(t, id)).toMatchObject({
      reviewTrack: 'policy-of-denial',
      determinations: [expect.objectContaining({ country: 'KH', policyVersion: 5 })],
    });
    expect((await historyOf(t, id)).at(-1)).toMatchObject({ type: 'ReviewTrackChanged', data: { reevaluationId } });
    expect(await runOf(t, reevaluationId)).toMatchObject({ status: 'completed', processed: 0, caughtLate: 1 });
    const listed = await t.http.get(`/reevaluations/${reevaluationId}/cases`).set('Authorization', `Bearer ${tokens.auditor}`).expect(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ applicationId: id, outcome: 'changed', late: true })]);

    // Caught once: another pass records nothing.
    const before = await t.lastPosition();
    await t.reevaluate();
    expect(await t.lastPosition()).toBe(before);
  });

  it('submissions fired while Cambodia is re-listed and removed again all end on the track of the policy in force', async () => {
    const fire = (count: number) =>
      Array.from({ length: count }, () =>
        t.http.post('/applications').set('Authorization', `Bearer ${tokens.intake}`).send(anApplication(KH_RADIOS)).expect(201),
      );
    const before = await Promise.all(fire(5));
    const racing = fire(20);
    const relisting = recordStatusChange(t, 'KH', relistCambodia('2026-11-29'));
    const more = fire(20);
    const [{ reevaluationId }] = await Promise.all([relisting, t.reevaluate()]);
    const all = [...before, ...(await Promise.all([...racing, ...more]))].map((response) => response.body.id as string);
    await t.reevaluate();
    await t.reevaluate();

    for (const id of all) expect((await caseOf(t, id)).reviewTrack).toBe('policy-of-denial');
    const run = await runOf(t, reevaluationId);
    expect(run.status).toBe('completed');
    // Every case that needed moving moved once, by this run: on time or caught late.
    for (const id of all) {
      const moves = (await historyOf(t, id)).filter((event) => event.type === 'ReviewTrackChanged');
      expect(moves.length).toBeLessThanOrEqual(1);
      for (const move of moves) expect(move.data.reevaluationId).toBe(reevaluationId);
    }

    // And back: the removal's run moves every one of them to case by case.
    t.clock.set('2026-12-01T09:00:00.000Z');
    const removal = await recordStatusChange(t, 'KH', removeCambodia('2026-12-01'));
    const after = await Promise.all(fire(5));
    await t.reevaluate();
    for (const id of [...all, ...after.map((response) => response.body.id as string)]) {
      expect((await caseOf(t, id)).reviewTrack).toBe('case-by-case');
    }
    expect(await runOf(t, removal.reevaluationId)).toMatchObject({ status: 'completed' });
  });

  it('a case submitted after the change is decided on the new version and needs no re-evaluation', async () => {
    await recordStatusChange(t, 'KH', relistCambodia('2026-11-29'));
    const id = await submitCase(t, tokens, KH_RADIOS);
    expect(await caseOf(t, id)).toMatchObject({ reviewTrack: 'policy-of-denial', determinations: [expect.objectContaining({ policyVersion: 5 })] });
    await t.reevaluate();
    expect((await historyOf(t, id)).map((event) => event.type)).toEqual(['LicenceApplicationSubmitted']);
  });
});
