import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ReadModels } from '../../apps/api/src/shared/read-models/read-models.service';
import { dumpServedReadModels, dumpStoppedReadModels, onStoppedReadModels, type ReadModelDump } from '../support/read-model-dump';
import { buildServer, runCompiled } from '../support/server-process';
import { removeDir, startTestApp, stopTestApp, type TestApp } from '../support/test-app';
import { appendCaseEvent, AT, submitCase } from './read-model-fixtures';
import { testStoreEnv } from '../support/test-store';

/** A history touching every table: submissions in several countries, assignments, referrals, decisions. */
async function buildHistory(t: TestApp): Promise<void> {
  const countries = [['KH'], ['CN'], ['DE', 'VE'], ['FR', 'KH'], ['CY']];
  for (let i = 0; i < 15; i += 1) {
    t.clock.set(new Date(Date.parse('2026-04-01T08:00:00.000Z') + i * 3_600_000).toISOString());
    const id = await submitCase(t, countries[i % countries.length]!);
    if (i % 5 === 4) continue;
    await appendCaseEvent(t, id, 'CaseAssigned', { officerId: `officer-${i % 3}`, previousOfficerId: null, assignedAt: AT, assignedBy: 'sup' });
    if (i % 4 === 1) await appendCaseEvent(t, id, 'CaseReferred', { agency: 'DoD', referredAt: AT, referredBy: 'o' });
    if (i % 4 === 2) await appendCaseEvent(t, id, 'LicenceDenied', { reason: 'r', deniedAt: AT, deniedBy: 'o' });
    if (i % 4 === 3) {
      await appendCaseEvent(t, id, 'LicenceApproved', { approvedAt: AT, validFrom: '2026-04-01', validUntil: '2030-03-31' });
      if (i % 8 === 7) await appendCaseEvent(t, id, 'LicenceSuspended', { reason: 'r', suspendedAt: AT, suspendedBy: 's' });
    }
  }
}

type Dump = ReadModelDump;

/** A running app with the history built and projected, and the rows its read models hold then. */
async function startWithHistory(): Promise<{ t: TestApp; live: Dump }> {
  const t = await startTestApp();
  await buildHistory(t);
  const readModels = t.app.get(ReadModels);
  await readModels.catchUp();
  return { t, live: await dumpServedReadModels(readModels) };
}

describe('rebuilding the read models', () => {
  // The in-process rebuild needs the server running; the CLI tests need it stopped. Each group has its own app.
  let t: TestApp;
  let live: Dump;

  beforeAll(async () => {
    ({ t, live } = await startWithHistory());
  });
  afterAll(() => stopTestApp(t));

  it('reproduces exactly the rows projected live (ReadModels.rebuild, server running)', async () => {
    const readModels = t.app.get(ReadModels);
    expect(Object.keys(live)).toEqual(['cases', 'reevaluations']);
    expect(live.cases!.case_list).toHaveLength(15);
    expect(live.cases!.licence_expiry!.length).toBeGreaterThan(0);
    // The seed's §126.1 changes scheduled their runs: the reevaluations projection has rows to rebuild too.
    expect(live.reevaluations!.reevaluation_runs!.length).toBeGreaterThan(0);
    expect(live.reevaluations!.country_policy_versions!.length).toBeGreaterThan(0);

    const progress: Array<{ processed: number; total: number }> = [];
    const report = await readModels.rebuild((p) => progress.push(p));

    expect(await dumpServedReadModels(readModels)).toEqual(live);
    const position = await t.lastPosition();
    expect(report.projections).toEqual([
      { name: 'cases', events: expect.any(Number), position },
      { name: 'reevaluations', events: expect.any(Number), position },
    ]);
    // Each projection replays the events of its own categories; together they are every event replayed.
    const [cases, reevaluations] = report.projections;
    expect(cases!.events).toBeGreaterThanOrEqual(15);
    expect(reevaluations!.events).toBeGreaterThan(cases!.events);
    expect(cases!.events + reevaluations!.events).toBe(progress.at(-1)!.processed);
    expect(progress.at(-1)!.processed).toBe(progress.at(-1)!.total);
    expect(report.processed).toBe(progress.at(-1)!.processed);
  });

  describe('the rebuild command of the compiled CLI', () => {
    // A stopped server's data directory, with the same kind of history, of its own: stopping the shared app here
    // would leave the in-process rebuild test without a server when it runs later.
    let stopped: TestApp;
    let stoppedLive: Dump;

    beforeAll(async () => {
      buildServer();
      ({ t: stopped, live: stoppedLive } = await startWithHistory());
      await stopped.close();
    }, 120_000);
    afterAll(() => {
      if (stopped) removeDir(stopped.dataDir);
    });

    it('replays every projection from zero into the same rows, with progress on stderr', async () => {
      // Damage the read models: the command must rebuild them from the events, not keep them.
      const damage =
        "UPDATE case_list SET status = 'bogus'; DELETE FROM officer_workload; DELETE FROM licence_expiry; " +
        'UPDATE reevaluation_runs SET total = 999; DELETE FROM country_policy_versions';
      await onStoppedReadModels(stopped.dataDir, {
        sqlite: (db) => db.exec(damage),
        postgres: async (db) => void (await db.query(damage)),
      });

      const running = runCompiled('cli', { DATA_DIR: stopped.dataDir, ...(await testStoreEnv(stopped.dataDir)) }, ['rebuild']);
      expect(await running.exited).toBe(0);

      expect(await dumpStoppedReadModels(stopped.dataDir)).toEqual(stoppedLive);
      const output = running.output();
      expect(output).toContain('Rebuilding cases, reevaluations');
      // Not a terminal: one line per 10 % step, ending at 100 %.
      expect(output).toMatch(/\[#{20}\] 100% (\d+)\/\1 events/);
      expect(output).toMatch(/Rebuilt 2 projection\(s\) from \d+ events/);
      expect(output).toMatch(/cases: \d+ events, checkpoint \d+/);
      expect(output).toMatch(/reevaluations: \d+ events, checkpoint \d+/);
    }, 60_000);

    it('takes --data-dir, and refuses a directory with no event store', async () => {
      const empty = mkdtempSync(path.join(tmpdir(), 'lcm-rebuild-'));
      try {
        // DATA_DIR names a directory with an event store: the refusal shows --data-dir is the one taken.
        const running = runCompiled('cli', { DATA_DIR: stopped.dataDir }, ['rebuild', '--data-dir', empty]);
        expect(await running.exited).toBe(1);
        expect(running.output()).toContain('No event store at');
        expect(existsSync(path.join(empty, 'events.sqlite'))).toBe(false);
      } finally {
        removeDir(empty);
      }
    }, 60_000);
  });
});
