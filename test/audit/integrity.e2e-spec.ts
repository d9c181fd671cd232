import { startTestApp, stopTestApp, type TestApp } from '../support/test-app';
import { officeTokens, submitCase, type OfficeTokens } from '../support/case-actions';
import { verifyCommand } from '../../apps/api/src/audit/cli/verify.command';
import { replayCommand } from '../../apps/api/src/audit/cli/replay.command';
import { testStoreEnv } from '../support/test-store';

/** Captures what a CLI command writes. */
function captured() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    /** The CLI's environment for the test's data directory (and its database, on PostgreSQL). */
    io: async (dataDir: string) => ({
      env: { DATA_DIR: dataDir, ...(await testStoreEnv(dataDir)) },
      stdout: { write: (text: string) => out.push(text) },
      stderr: { write: (text: string) => err.push(text) },
    }),
  };
}

describe('Integrity verification, seals and anchors over HTTP and from the CLI', () => {
  let t: TestApp;
  let tokens: OfficeTokens;
  let caseId: string;

  // Tokens are signed with the one test secret, so the shared auditor token also works on a test's own app.
  const auditor = (call: ReturnType<TestApp['http']['get']>) => call.set('Authorization', `Bearer ${tokens.auditor}`);

  beforeAll(async () => {
    t = await startTestApp();
    tokens = officeTokens(t);
    caseId = await submitCase(t, tokens);
    // Seal the shared log once, here: the CLI test verifies a sealed log (no unsealed tail next to the anchor
    // mismatch) whatever ran before it. The test of the first seal has a log of its own.
    await auditor(t.http.post('/audit/seals')).expect(200);
  });
  afterAll(() => stopTestApp(t));

  it('seals on demand by the system actor, verifies ok, and serves the head as an anchor that verifies', async () => {
    // The first seal must append: this test takes a log nobody has sealed yet (its own app, with one case, as the
    // shared one has), not the shared log that beforeAll and the other tests seal.
    const own = await startTestApp();
    try {
      await submitCase(own, officeTokens(own));
      const sealed = await auditor(own.http.post('/audit/seals')).expect(200);
      expect(sealed.body).toMatchObject({ appended: true, seal: { reason: 'on-demand', eventCount: expect.any(Number) } });
      const again = await auditor(own.http.post('/audit/seals')).expect(200);
      expect(again.body).toMatchObject({ appended: false, position: sealed.body.position });

      const before = await own.lastPosition();
      const report = await auditor(own.http.get('/audit/integrity')).expect(200);
      expect(report.body).toMatchObject({ ok: true, problems: [], sealedUpTo: sealed.body.seal.sealedUpTo, head: { position: before } });
      expect(report.body.checked).toBe(Number(before));
      expect(await own.lastPosition()).toBe(before);

      const anchor = await auditor(own.http.get('/audit/anchor')).expect(200);
      expect(anchor.body).toMatchObject({ position: before, hash: report.body.head.hash, anchor: `${report.body.head.hash}@${before}` });
      const checked = await auditor(own.http.get('/audit/integrity').query({ anchor: anchor.body.anchor })).expect(200);
      expect(checked.body).toMatchObject({ ok: true, anchor: { position: before, matches: true } });
    } finally {
      await stopTestApp(own);
    }
  });

  it('keeps seals out of the case views and read models', async () => {
    await auditor(t.http.post('/audit/seals')).expect(200);
    const history = await auditor(t.http.get(`/applications/${caseId}/history`)).expect(200);
    expect(history.body.items.map((item: { type: string }) => item.type)).toEqual(['LicenceApplicationSubmitted']);
    const list = await auditor(t.http.get('/applications')).expect(200);
    expect(list.body.items).toHaveLength(1);
  });

  it('refuses a malformed anchor with 400 INVALID_ANCHOR, and the routes to other roles', async () => {
    const bad = await auditor(t.http.get('/audit/integrity').query({ anchor: 'abc@1' })).expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body).toMatchObject({ code: 'INVALID_ANCHOR' });
    const officer = t.token(['case-officer']);
    await t.http.get('/audit/integrity').set('Authorization', `Bearer ${officer}`).expect(403);
    await t.http.post('/audit/seals').set('Authorization', `Bearer ${officer}`).expect(403);
    await t.http.get('/audit/anchor').set('Authorization', `Bearer ${officer}`).expect(403);
  });

  it('verifies and replays from the CLI on the same data directory', async () => {
    const anchor = (await auditor(t.http.get('/audit/anchor')).expect(200)).body.anchor as string;
    const verify = captured();
    expect(await verifyCommand(['--anchor', anchor], await verify.io(t.dataDir))).toBe(0);
    expect(JSON.parse(verify.out.join(''))).toMatchObject({ ok: true, anchor: { matches: true } });
    expect(verify.err.join('')).toMatch(/\[#+\] 100%/);
    expect(verify.err.join('')).toContain(`Anchor (publish it where the operator has no control): `);

    const wrong = captured();
    expect(await verifyCommand(['--anchor', `${'0'.repeat(64)}@2`], await wrong.io(t.dataDir))).toBe(1);
    expect(JSON.parse(wrong.out.join(''))).toMatchObject({ ok: false, problems: [expect.objectContaining({ kind: 'anchor-mismatch', position: '2' })] });

    const replay = captured();
    expect(await replayCommand([caseId], await replay.io(t.dataDir))).toBe(0);
    expect(replay.out.join('')).toMatch(/^#0 @\d+ \S+ LicenceApplicationSubmitted by clerk-7\n/);
    expect(replay.out.join('')).toContain('reviewTrack: null -> case-by-case');
    const missing = captured();
    expect(await replayCommand(['not-a-case'], await missing.io(t.dataDir))).toBe(1);
  });
});
