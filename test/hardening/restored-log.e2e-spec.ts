import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Logger } from '@nestjs/common';
import { officeTokens, submitCase } from '../support/case-actions';
import { recordStatusChange, relistCambodia, runOf } from '../support/status-changes';
import { anApplication, removeDir, startTestApp, type TestApp } from '../support/test-app';
import { describeOnSqlite } from '../support/test-store';

const NOW = '2025-11-10T12:00:00.000Z';
const SQLITE_SIDE_FILES = ['-wal', '-shm'];

/**
 * An operator restores an older `events.sqlite` (a routine backup restore), or deletes it, under read models and
 * idempotency keys built from the newer or another log. Those are derived: the server rebuilds or forgets them at
 * start, says why in its log, and answers from the log it has.
 */
describeOnSqlite('read models and idempotency keys follow the event log they stand beside', 'it restores and deletes events.sqlite under a running data directory', () => {
  let dataDir: string;
  let warnings: string[];
  let t: TestApp | null = null;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'lcm-restore-'));
    warnings = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => {
      warnings.push(String(message));
    });
  });
  afterEach(async () => {
    await t?.close();
    t = null;
    jest.restoreAllMocks();
    removeDir(dataDir);
  });

  const start = async () => (t = await startTestApp({ dataDir, now: NOW }));
  const stop = async () => {
    await t!.close();
    t = null;
  };
  const eventsFile = () => path.join(dataDir, 'events.sqlite');
  const removeEventsFile = () => {
    for (const suffix of ['', ...SQLITE_SIDE_FILES]) rmSync(`${eventsFile()}${suffix}`, { force: true });
  };

  async function listedIds(app: TestApp): Promise<string[]> {
    const response = await app.http.get('/applications?limit=200').set('Authorization', `Bearer ${app.token(['auditor'])}`).expect(200);
    return (response.body.items as Array<{ id: string }>).map((item) => item.id).sort();
  }

  async function dashboardCases(app: TestApp): Promise<number> {
    const response = await app.http.get('/dashboard').set('Authorization', `Bearer ${app.token(['auditor'])}`).expect(200);
    return response.body.totals.cases as number;
  }

  it('restoring an older events.sqlite rebuilds the read models at start, and status changes are re-evaluated', async () => {
    let app = await start();
    const tokens = officeTokens(app);
    const kept = await submitCase(app, tokens, { parties: [{ role: 'end-user', name: 'CMAC', country: 'KH' }] });
    await stop();
    const backup = path.join(dataDir, 'events.backup.sqlite');
    expect(SQLITE_SIDE_FILES.some((suffix) => existsSync(`${eventsFile()}${suffix}`))).toBe(false);
    copyFileSync(eventsFile(), backup);

    app = await start();
    const keyed = await app.http
      .post('/applications')
      .set('Authorization', `Bearer ${tokens.intake}`)
      .set('Idempotency-Key', 'lost-with-the-restore')
      .send(anApplication())
      .expect(201);
    const lost = [await submitCase(app, tokens), keyed.body.id as string];
    expect(await listedIds(app)).toEqual([kept, ...lost].sort());
    await stop();

    removeEventsFile();
    copyFileSync(backup, eventsFile());
    app = await start();

    expect(warnings).toContainEqual(expect.stringMatching(/^Rebuilding the read models from the event log .*restored from an older copy/));
    expect(await listedIds(app)).toEqual([kept]);
    expect(await dashboardCases(app)).toBe(1);
    // The key's stored answer named a case the restored log never had: it is not replayed, the request runs again.
    expect(warnings).toContainEqual(expect.stringMatching(/^Forgot 1 idempotency key\(s\)/));
    const again = await app.http
      .post('/applications')
      .set('Authorization', `Bearer ${tokens.intake}`)
      .set('Idempotency-Key', 'lost-with-the-restore')
      .send(anApplication())
      .expect(201);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(again.body.revision).toBe(0);
    const health = await app.http.get('/health').expect(200);
    expect(health.body.status).toBe('ok');

    const added = await submitCase(app, tokens, { parties: [{ role: 'end-user', name: 'CMAC', country: 'KH' }] });
    expect(await listedIds(app)).toEqual([kept, again.body.id, added].sort());

    const { reevaluationId } = await recordStatusChange(app, 'KH', relistCambodia('2025-11-10'));
    expect((await runOf(app, reevaluationId)).status).toMatch(/scheduled|running|completed/);
    await app.reevaluate();
    const run = await runOf(app, reevaluationId);
    expect(run).toMatchObject({ status: 'completed', total: 3, processed: 3 });
  });

  it('deleting events.sqlite under existing read models and keys: a new log, rebuilt read models, keys forgotten', async () => {
    let app = await start();
    const tokens = officeTokens(app);
    const key = 'restore-test-key-1';
    const first = await app.http
      .post('/applications')
      .set('Authorization', `Bearer ${tokens.intake}`)
      .set('Idempotency-Key', key)
      .send(anApplication())
      .expect(201);
    await submitCase(app, tokens);
    await stop();

    removeEventsFile();
    app = await start();

    expect(warnings).toContainEqual(expect.stringMatching(/^Rebuilding the read models from the event log .*another event log/));
    expect(warnings).toContainEqual(expect.stringMatching(/^Forgot 1 idempotency key\(s\)/));
    expect(await listedIds(app)).toEqual([]);
    expect(await dashboardCases(app)).toBe(0);

    const again = await app.http
      .post('/applications')
      .set('Authorization', `Bearer ${tokens.intake}`)
      .set('Idempotency-Key', key)
      .send(anApplication())
      .expect(201);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(await listedIds(app)).toEqual([again.body.id]);
    // The id derives from the key, so the new log's case has the old one's id: a case of its own, at revision 0.
    expect(again.body).toMatchObject({ id: first.body.id, revision: 0 });
  });
});
