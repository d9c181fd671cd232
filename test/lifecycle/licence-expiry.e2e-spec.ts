import { LicenceExpiryScheduler } from '../../apps/api/src/licence-applications/expire-licences/licence-expiry.scheduler';
import { anAssignedCase, FRANCE_END_USER, historyTypes, officeTokens, postOnCase } from '../support/case-actions';
import { removeDir, startTestApp, type TestApp } from '../support/test-app';

describe('licence expiry, driven by a durable schedule', () => {
  const apps: TestApp[] = [];
  const start = async (options: { dataDir?: string; now: string }) => {
    const t = await startTestApp(options);
    apps.push(t);
    return t;
  };
  afterEach(async () => {
    for (const t of apps.splice(0)) await t.close().catch(() => undefined);
  });

  it('expires a DSP-5 licence the day after its last valid day, once', async () => {
    const t = await start({ now: '2026-11-29T09:00:00.000Z' });
    const tokens = officeTokens(t);
    const id = await anAssignedCase(t, tokens, FRANCE_END_USER);
    await postOnCase(t, tokens.officer, id, 'approve', {}).expect(200);
    const scheduler = t.app.get(LicenceExpiryScheduler);

    t.clock.set('2030-11-29T23:59:59.000Z'); // the last valid day
    expect(await scheduler.runDue()).toBe(0);

    t.clock.set('2030-11-30T00:00:01.000Z');
    expect(await scheduler.runDue()).toBe(1);
    expect(await scheduler.runDue()).toBe(0);

    const view = await t.http.get(`/applications/${id}`).set('Authorization', `Bearer ${tokens.auditor}`).expect(200);
    expect(view.body).toMatchObject({ status: 'expired', licence: expect.objectContaining({ expiredOn: '2030-11-30' }) });
    const history = await t.http.get(`/applications/${id}/history`).set('Authorization', `Bearer ${tokens.auditor}`).expect(200);
    expect(history.body.items.at(-1)).toMatchObject({
      type: 'LicenceExpired',
      data: { applicationId: id, validUntil: '2030-11-29', expiredOn: '2030-11-30' },
      metadata: { actor: 'system:licence-expiry' },
    });
    removeDir(t.dataDir);
  });

  it('does not expire a revoked licence, and expires a suspended one', async () => {
    const t = await start({ now: '2026-11-29T09:00:00.000Z' });
    const tokens = officeTokens(t);
    const revoked = await anAssignedCase(t, tokens, FRANCE_END_USER);
    const suspended = await anAssignedCase(t, tokens, FRANCE_END_USER);
    for (const id of [revoked, suspended]) await postOnCase(t, tokens.officer, id, 'approve', {}).expect(200);
    await postOnCase(t, tokens.supervisor, revoked, 'revoke', { reason: 'Diversion' }).expect(200);
    await postOnCase(t, tokens.supervisor, suspended, 'suspend', { reason: 'Inquiry' }).expect(200);

    t.clock.set('2031-01-01T00:00:00.000Z');
    expect(await t.app.get(LicenceExpiryScheduler).runDue()).toBe(1);
    expect((await historyTypes(t, tokens, revoked)).at(-1)).toBe('LicenceRevoked');
    expect((await historyTypes(t, tokens, suspended)).at(-1)).toBe('LicenceExpired');
    removeDir(t.dataDir);
  });

  it('expires, at the next start-up, a licence that ran out while the server was down', async () => {
    const first = await start({ now: '2026-11-29T09:00:00.000Z' });
    const tokens = officeTokens(first);
    const id = await anAssignedCase(first, tokens, FRANCE_END_USER);
    await postOnCase(first, tokens.officer, id, 'approve', {}).expect(200);
    await first.close();

    const second = await start({ dataDir: first.dataDir, now: '2031-03-01T08:00:00.000Z' });
    // Start-up ran the schedule before the first request.
    expect((await historyTypes(second, officeTokens(second), id)).at(-1)).toBe('LicenceExpired');
    removeDir(first.dataDir);
  });
});
