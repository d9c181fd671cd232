import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { dumpProjection } from '@app/infra';
import { casesProjection } from '../../apps/api/src/read-models/projections/cases.projection';
import { ReadModels } from '../../apps/api/src/read-models/read-models.service';
import { buildServer, runCompiled } from '../support/server-process';
import { removeDir, startTestApp, type TestApp } from '../support/test-app';
import { appendCaseEvent, AT, submitCase } from './read-model-fixtures';

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

function dumpFile(dataDir: string): Record<string, unknown[]> {
  const db = new Database(path.join(dataDir, 'read-models.sqlite'), { readonly: true });
  try {
    return dumpProjection(db, casesProjection);
  } finally {
    db.close();
  }
}

describe('rebuilding the read models', () => {
  let t: TestApp;
  let live: Record<string, unknown[]>;

  beforeAll(async () => {
    t = await startTestApp();
    await buildHistory(t);
    const readModels = t.app.get(ReadModels);
    await readModels.catchUp();
    live = readModels.read((db) => dumpProjection(db, casesProjection));
  });
  afterAll(async () => {
    await t.close();
    removeDir(t.dataDir);
  });

  it('reproduces exactly the rows projected live (ReadModels.rebuild, server running)', async () => {
    const readModels = t.app.get(ReadModels);
    expect(live.case_list).toHaveLength(15);
    expect(live.licence_expiry!.length).toBeGreaterThan(0);

    const progress: Array<{ processed: number; total: number }> = [];
    const report = await readModels.rebuild((p) => progress.push(p));

    expect(readModels.read((db) => dumpProjection(db, casesProjection))).toEqual(live);
    expect(report.projections).toEqual([{ name: 'cases', events: progress.at(-1)!.processed, position: await t.lastPosition() }]);
    expect(progress.at(-1)!.processed).toBe(progress.at(-1)!.total);
  });

  describe('the rebuild command of the compiled CLI', () => {
    beforeAll(() => buildServer(), 120_000);

    it('replays every projection from zero into the same rows, with progress on stderr', async () => {
      await t.close();
      // Damage the read models: the command must rebuild them from the events, not keep them.
      const db = new Database(path.join(t.dataDir, 'read-models.sqlite'));
      db.exec("UPDATE case_list SET status = 'bogus'; DELETE FROM officer_workload; DELETE FROM licence_expiry");
      db.close();

      const running = runCompiled('cli', { DATA_DIR: t.dataDir }, ['rebuild']);
      expect(await running.exited).toBe(0);

      expect(dumpFile(t.dataDir)).toEqual(live);
      const output = running.output();
      expect(output).toContain('Rebuilding cases');
      // Not a terminal: one line per 10 % step, ending at 100 %.
      expect(output).toMatch(/\[#{20}\] 100% (\d+)\/\1 events/);
      expect(output).toMatch(/Rebuilt 1 projection\(s\) from \d+ events/);
      expect(output).toMatch(/cases: \d+ events, checkpoint \d+/);
    }, 60_000);

    it('takes --data-dir, and refuses a directory with no event store', async () => {
      const empty = mkdtempSync(path.join(tmpdir(), 'lcm-rebuild-'));
      try {
        const running = runCompiled('cli', { DATA_DIR: t.dataDir }, ['rebuild', '--data-dir', empty]);
        expect(await running.exited).toBe(1);
        expect(running.output()).toContain('No event store at');
        expect(existsSync(path.join(empty, 'events.sqlite'))).toBe(false);
      } finally {
        removeDir(empty);
      }
    }, 60_000);
  });
});
