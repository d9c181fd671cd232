import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { removeDir, startTestApp, type TestApp } from '../support/test-app';
import { officeTokens, submitCase } from '../support/case-actions';
import { caseOf, recordStatusChange, relistCambodia, runOf } from '../support/status-changes';

const KH_RADIOS = { parties: [{ role: 'end-user', name: 'Royal Cambodian Armed Forces', country: 'KH' }] };

/**
 * docs/product.md §2 (bitemporal): a change recorded today but effective in the future is re-evaluated when it comes into force,
 * durably scheduled, surviving restarts.
 */
describe('a future-dated change waits for its date, across restarts', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lcm-future-'));
  let t: TestApp | null = null;
  let reevaluationId: string;
  let changeId: string;
  let caseId: string;

  afterAll(async () => {
    await t?.close();
    removeDir(dataDir);
  });

  it('is recorded now, shown as pending, and its run is scheduled', async () => {
    t = await startTestApp({ dataDir, now: '2026-11-29T09:00:00.000Z' });
    caseId = await submitCase(t, officeTokens(t), KH_RADIOS);
    ({ changeId, reevaluationId } = await recordStatusChange(t, 'KH', relistCambodia('2026-12-15')));
    await t.reevaluate();

    const auditor = `Bearer ${t.token(['auditor'])}`;
    const today = await t.http.get('/countries/KH').set('Authorization', auditor).expect(200);
    expect(today.body).toMatchObject({ status: 'not-listed', policyVersion: 3 });
    expect(today.body.pending).toEqual([expect.objectContaining({ changeId, to: 'denial-with-exceptions', effectiveOn: '2026-12-15', policyVersion: 5 })]);
    const onTheDay = await t.http.get('/countries/KH?asOf=2026-12-15').set('Authorization', auditor).expect(200);
    expect(onTheDay.body).toMatchObject({ status: 'denial-with-exceptions', paragraph: '(o)', policyVersion: 5, pending: [] });
    const dayBefore = await t.http.get('/countries/KH?asOf=2026-12-14').set('Authorization', auditor).expect(200);
    expect(dayBefore.body).toMatchObject({ status: 'not-listed', policyVersion: 3 });

    expect(await runOf(t, reevaluationId)).toMatchObject({ status: 'scheduled', scheduledFor: '2026-12-15', processed: 0 });
    expect((await caseOf(t, caseId)).reviewTrack).toBe('case-by-case');
    // Operations see the waiting run too (the seed's own runs are all done by now).
    expect((await t.http.get('/health').expect(200)).body.reevaluation).toEqual({ running: 0, due: 0, scheduled: 1, lastError: null });
  });

  it('still waits after a restart the day before', async () => {
    await t!.close();
    t = await startTestApp({ dataDir, now: '2026-12-14T23:59:59.000Z' });
    expect(await runOf(t, reevaluationId)).toMatchObject({ status: 'scheduled' });
    expect((await caseOf(t, caseId)).reviewTrack).toBe('case-by-case');
  });

  it('starts on its date after a restart (the server was down when the day came)', async () => {
    await t!.close();
    t = await startTestApp({ dataDir, now: '2026-12-15T06:00:00.000Z' });
    expect(await runOf(t, reevaluationId)).toMatchObject({ status: 'completed', processed: 1, changed: 1 });
    expect(await caseOf(t, caseId)).toMatchObject({ reviewTrack: 'policy-of-denial', policyDate: '2026-12-15' });
    expect((await t.http.get('/health').expect(200)).body.reevaluation).toEqual({ running: 0, due: 0, scheduled: 0, lastError: null });
  });

  it('starts on its own while the server runs: the scheduler notices the date without being asked', async () => {
    const second = await submitCase(t!, officeTokens(t!), KH_RADIOS);
    const { reevaluationId: later } = await recordStatusChange(t!, 'KH', { ...relistCambodia('2026-12-20'), status: 'denial', paragraph: '(d)(1)', exceptions: [] });
    expect(await runOf(t!, later)).toMatchObject({ status: 'scheduled' });
    t!.clock.set('2026-12-20T00:00:01.000Z');
    const deadline = Date.now() + 15_000;
    let run = await runOf(t!, later);
    while (run.status !== 'completed' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      run = await runOf(t!, later);
    }
    // Both cases were already on policy of denial: the track does not change, but their determinations do (Table 1 now),
    // so each records DeterminationsRevised and never shows the stale ¶(o) determination (docs/regulatory-fidelity.md).
    expect(run).toMatchObject({ status: 'completed', processed: 2, changed: 0, revised: 2, unchanged: 0 });
    expect((await caseOf(t!, second)).determinations).toEqual([
      expect.objectContaining({ policyStatus: 'denial', table: 1, provision: '22 CFR 126.1(d)(1)', policyVersion: 6 }),
    ]);
  });
});
