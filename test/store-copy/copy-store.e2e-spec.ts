import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { dumpProjection, InMemoryEventStore, SqliteEventStore, type EventStore, type RecordedEvent } from '@app/infra';
import { generateCommand } from '../../apps/api/src/demo-data/generate.command';
import { casesProjection } from '../../apps/api/src/licence-applications/case-list/cases.projection';
import { rebuildCommand } from '../../apps/api/src/shared/read-models/rebuild/rebuild.command';
import { copyCommand } from '../../apps/api/src/store-copy/copy.command';
import { copyLog, CopyRefusedError } from '../../apps/api/src/store-copy/copy-log';
import { verifyCopy } from '../../apps/api/src/store-copy/verify-copy';
import { describeWithPostgres } from '../../libs/infra/src/postgres/testing/postgres-test-database';
import { dumpPostgresReadModels } from '../support/read-model-dump';
import { removeDir, startTestApp, type TestApp } from '../support/test-app';

/** Runs a CLI command in-process, capturing what it writes. */
async function run(command: typeof copyCommand, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await command(args, { env: {}, stdout: { write: (text: string) => out.push(text) }, stderr: { write: (text: string) => err.push(text) } });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

async function readWholeLog(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll({ ...(events.length > 0 ? { after: events[events.length - 1].position } : {}), limit: 5000 });
    events.push(...page);
    if (page.length < 5000) return events;
  }
}

function eventsFile(dataDir: string): string {
  return path.join(dataDir, 'events.sqlite');
}

/** Every page of the case list, as an auditor sees it. */
async function caseList(app: TestApp): Promise<unknown[]> {
  const token = app.token(['auditor']);
  const items: unknown[] = [];
  let cursor: string | null = null;
  do {
    const query: Record<string, string> = { limit: '100', ...(cursor === null ? {} : { cursor }) };
    const page = await app.http.get('/applications').query(query).set('Authorization', `Bearer ${token}`).expect(200);
    items.push(...(page.body.items as unknown[]));
    cursor = page.body.nextCursor as string | null;
  } while (cursor !== null);
  return items;
}

describe('cli copy: the embedded store into another, with its ids, revisions, times and hashes', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'lcm-copy-'));
  const source = path.join(root, 'source');
  const target = path.join(root, 'target');
  let copyRun: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    const generated = await run(generateCommand, ['--cases', '300', '--seed', '7', '--today', '2026-06-01', '--data-dir', source]);
    expect(generated.code).toBe(0);
    copyRun = await run(copyCommand, ['--from', `sqlite:${source}`, '--to', `sqlite:${target}`, '--page-size', '250']);
  }, 120_000);
  afterAll(() => removeDir(root));

  it('copies every event as it was recorded, and the log id', async () => {
    expect(copyRun.stderr).toContain('[####################] 100%');
    expect(copyRun.code).toBe(0);
    const from = SqliteEventStore.open(eventsFile(source));
    const to = SqliteEventStore.open(eventsFile(target));
    try {
      const original = await readWholeLog(from);
      const copied = await readWholeLog(to);
      expect(original.length).toBeGreaterThan(300 * 3);
      // Positions included: an empty SQLite target mints 1, 2, 3… as the source did.
      expect(copied).toEqual(original);
      expect(await to.logId()).toBe(await from.logId());
      expect(copyRun.stdout).toContain(`Copied ${original.length} events of log ${await from.logId()}`);
      const streams = new Set(original.map((event) => event.streamName));
      for (const stream of streams) expect(await to.streamRevision(stream)).toBe(await from.streamRevision(stream));
    } finally {
      await from.close();
      await to.close();
    }
  });

  it('reports the verification: the same counts per category, streams and chains', async () => {
    expect(copyRun.stdout).toMatch(/Verified: the same log id, \d+ events, \d+ streams at the same revisions and last hashes/);
    const from = SqliteEventStore.open(eventsFile(source));
    const to = SqliteEventStore.open(eventsFile(target));
    try {
      const report = await verifyCopy(from, to, await from.lastPosition());
      expect(report.ok).toBe(true);
      expect(report.streamMismatches).toEqual([]);
      expect(report.targetChains).toMatchObject({ ok: true, problems: [] });
      const licenceApplications = report.categories.find((row) => row.category === 'LicenceApplication');
      expect(licenceApplications).toEqual({ category: 'LicenceApplication', source: expect.any(Number), target: licenceApplications?.source });
      expect(licenceApplications!.source).toBeGreaterThanOrEqual(300);
      expect(report.streams).toBeGreaterThanOrEqual(300);
    } finally {
      await from.close();
      await to.close();
    }
  });

  it('finds an edited event and an extra event in a copy', async () => {
    const tampered = path.join(root, 'tampered');
    expect((await run(copyCommand, ['--from', `sqlite:${source}`, '--to', `sqlite:${tampered}`])).code).toBe(0);
    const db = new Database(eventsFile(tampered));
    db.exec(`DROP TRIGGER events_no_update;
      UPDATE events SET data = json_set(data, '$.tampered', 1) WHERE position = 50;`);
    db.close();
    const from = SqliteEventStore.open(eventsFile(source));
    const to = SqliteEventStore.open(eventsFile(tampered));
    try {
      await to.appendToStream('LicenceApplication-extra', [{ id: 'extra-1', type: 'Extra', data: {}, metadata: { actor: 'a', correlationId: 'c', causationId: null, schemaVersion: 1 } }], { expectedRevision: 'no-stream' });
      const report = await verifyCopy(from, to, await from.lastPosition());
      expect(report.ok).toBe(false);
      expect(report.targetChains.problems).toEqual([expect.objectContaining({ position: '50', kind: 'edited' })]);
      expect(report.streamMismatches).toEqual([{ stream: 'LicenceApplication-extra', source: null, target: expect.objectContaining({ revision: '0' }) }]);
      expect(report.events.target).toBe(report.events.source + 1);
    } finally {
      await from.close();
      await to.close();
    }
  });

  it('refuses a target that already holds events, and writes nothing into it', async () => {
    const to = SqliteEventStore.open(eventsFile(target));
    const before = await to.lastPosition();
    await to.close();
    const again = await run(copyCommand, ['--from', `sqlite:${source}`, '--to', `sqlite:${target}`]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('The target store already holds events: a copy goes into an empty store only');
    const reopened = SqliteEventStore.open(eventsFile(target));
    expect(await reopened.lastPosition()).toBe(before);
    await reopened.close();
  });

  it('refuses a target whose adapter has no importer', async () => {
    const from = new InMemoryEventStore();
    const withoutImporter: EventStore = new Proxy(new InMemoryEventStore(), {
      get: (store, property, receiver) => (property === 'importer' ? undefined : Reflect.get(store, property, receiver)),
    });
    await expect(copyLog(from, withoutImporter)).rejects.toThrow(CopyRefusedError);
    await expect(copyLog(from, withoutImporter)).rejects.toThrow('its adapter has no importer');
  });

  it('refuses a missing source and a server that does not answer, with one line each', async () => {
    const missing = await run(copyCommand, ['--from', `sqlite:${path.join(root, 'nothing')}`, '--to', `sqlite:${path.join(root, 'unused')}`]);
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining('No event store at') });
    const server = await run(copyCommand, ['--from', `sqlite:${source}`, '--to', 'postgres://lcm:pw@127.0.0.1:1/cases']);
    expect(server).toMatchObject({ code: 1, stderr: expect.stringContaining('The event store postgres://lcm:***@127.0.0.1:1/cases is unavailable') });
    expect(server.stderr).not.toMatch(/^\s+at /m);
  });

  it('rebuilds the read models on the target: they answer the same case list as the source', async () => {
    expect(copyRun.stdout).toContain(`read model(s) from`);
    expect((await run(rebuildCommand, ['--data-dir', source])).code).toBe(0);
    const dump = (dataDir: string) => {
      const db = new Database(path.join(dataDir, 'read-models.sqlite'), { readonly: true });
      try {
        return dumpProjection(db, casesProjection);
      } finally {
        db.close();
      }
    };
    const copiedRows = dump(target);
    expect(Object.values(copiedRows).some((rows) => rows.length >= 300)).toBe(true);
    expect(copiedRows).toEqual(dump(source));

    // The servers run on scratch copies: what they append at start must not reach the other tests' logs.
    const scratch = (dataDir: string) => {
      const copy = path.join(root, `served-${path.basename(dataDir)}`);
      cpSync(dataDir, copy, { recursive: true });
      return copy;
    };
    const now = '2026-06-01T12:00:00.000Z';
    // Both are embedded stores, whichever store the other suites run on.
    const onSource = await startTestApp({ dataDir: scratch(source), now, env: { EVENT_STORE: 'sqlite' } });
    const sourceList = await caseList(onSource).finally(() => onSource.close());
    const onTarget = await startTestApp({ dataDir: scratch(target), now, env: { EVENT_STORE: 'sqlite' } });
    const targetList = await caseList(onTarget).finally(() => onTarget.close());
    expect(sourceList.length).toBe(300);
    expect(targetList).toEqual(sourceList);
  }, 60_000);

  describeWithPostgres('into PostgreSQL', (database) => {
    it('leaves the read models rebuilt in the target database, the same rows as the source, and a server serves them', async () => {
      const { url } = database();
      const copied = await run(copyCommand, ['--from', `sqlite:${source}`, '--to', url, '--page-size', '500']);
      expect(copied.code).toBe(0);
      expect(copied.stdout).toMatch(/Rebuilt 2 read model\(s\) from \d+ events in postgres:\/\//);

      expect((await run(rebuildCommand, ['--data-dir', source])).code).toBe(0);
      const db = new Database(path.join(source, 'read-models.sqlite'), { readonly: true });
      const sourceRows = (() => {
        try {
          return dumpProjection(db, casesProjection);
        } finally {
          db.close();
        }
      })();
      const targetRows = (await dumpPostgresReadModels(url)).cases!;
      expect(targetRows.case_list).toHaveLength(300);
      // The rows name the positions of the log they were projected from: the target's own (an empty PostgreSQL log
      // also mints 1, 2, 3… in the source's order).
      expect(targetRows).toEqual(sourceRows);

      // A server on the copy answers from those read models at once, the same list as on the source.
      const now = '2026-06-01T12:00:00.000Z';
      const onTarget = await startTestApp({ now, env: { EVENT_STORE: url } });
      const targetList = await caseList(onTarget).finally(() => onTarget.close());
      const scratch = path.join(root, 'served-source-pg');
      cpSync(source, scratch, { recursive: true });
      const onSource = await startTestApp({ dataDir: scratch, now, env: { EVENT_STORE: 'sqlite' } });
      const sourceList = await caseList(onSource).finally(() => onSource.close());
      expect(targetList).toEqual(sourceList);
    }, 120_000);
  });
});
