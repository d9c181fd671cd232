import { LicenceExpiryScheduler } from '../../apps/api/src/licence-applications/expire-licences/licence-expiry.scheduler';
import { anAssignedCase, FRANCE_END_USER, historyTypes, officeTokens, postOnCase } from '../support/case-actions';
import { removeDir, startTestApp, type TestApp } from '../support/test-app';

/**
 * Two API instances on one data directory: only the holder of the `licence-expiry` lease expires licences; when it
 * shuts down (giving the lease up) the other one expires them at its next check.
 */
describe('licence expiry with two instances on one data directory', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    const dataDir = apps[0]?.dataDir;
    for (const t of apps.splice(0).reverse()) await t.close().catch(() => undefined);
    if (dataDir !== undefined) removeDir(dataDir);
  });

  it('is run by the lease holder only, and by the other instance once the holder has stopped', async () => {
    const first = await startTestApp({ now: '2026-11-29T09:00:00.000Z' });
    apps.push(first);
    const second = await startTestApp({ dataDir: first.dataDir, now: '2026-11-29T09:00:00.000Z' });
    apps.push(second);
    const tokens = officeTokens(first);
    const [early, late] = [await anAssignedCase(first, tokens, FRANCE_END_USER), await anAssignedCase(first, tokens, FRANCE_END_USER)];
    for (const id of [early, late]) await postOnCase(first, tokens.officer, id, 'approve', {}).expect(200);

    for (const t of [first, second]) t.clock.set('2031-01-01T00:00:00.000Z');
    // The first instance took the lease at its start-up run; the second one's run does nothing.
    expect(await second.app.get(LicenceExpiryScheduler).runDue()).toBe(0);
    expect(await first.app.get(LicenceExpiryScheduler).runDue()).toBe(2);
    expect((await historyTypes(second, tokens, early)).at(-1)).toBe('LicenceExpired');

    // A third licence, then the holder stops: the second instance takes the lease over at its next run.
    const third = await anAssignedCase(second, tokens, FRANCE_END_USER);
    for (const t of [first, second]) t.clock.set('2026-11-29T10:00:00.000Z');
    await postOnCase(second, tokens.officer, third, 'approve', {}).expect(200);
    await first.close();
    second.clock.set('2032-01-01T00:00:00.000Z');
    expect(await second.app.get(LicenceExpiryScheduler).runDue()).toBe(1);
    expect((await historyTypes(second, tokens, third)).at(-1)).toBe('LicenceExpired');
    const expiredOnce = (await historyTypes(second, tokens, early)).filter((type) => type === 'LicenceExpired');
    expect(expiredOnce).toHaveLength(1);
  });
});
