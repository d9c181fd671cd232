import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { mintToken } from '../../apps/api/src/shared/auth/jwt';
import { buildServer, startCompiledServer, type RunningProcess } from '../support/server-process';
import { anApplication, removeDir } from '../support/test-app';
import { describeOnSqlite } from '../support/test-store';

/**
 * A submit load on the compiled server, killed with SIGKILL at a random point, several times over: every
 * acknowledged submission survives the crash, a retry under the same Idempotency-Key never opens a second case,
 * and the log holds at most one case per key. Nothing here waits on timing for its checks: the kill point is
 * random by design, and every outcome a crash can leave is accepted except a lost or doubled case.
 */
const SECRET = 'submit-crash-test-secret-at-least-32-bytes!';
const TRIALS = 3;
const WORKERS = 6;

interface Sent {
  readonly key: string;
  acknowledgedId: string | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeOnSqlite('a submit load survives kill -9 of the server', 'it reads events.sqlite directly after each kill', () => {
  let dataDir: string;
  const children: RunningProcess[] = [];
  const intake = mintToken(SECRET, { sub: 'clerk-7', roles: ['intake'], expiresInSeconds: 3600 });
  let base = '';

  async function start(): Promise<RunningProcess> {
    const started = await startCompiledServer({ DATA_DIR: dataDir, JWT_SECRET: SECRET }, children);
    base = started.base;
    return started.running;
  }

  const submit = (key: string) =>
    fetch(`${base}/applications`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${intake}`, 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify(anApplication({ description: key })),
    });

  /** Workers submitting one case after another until the server dies under them. */
  async function load(trial: number, sent: Sent[], stop: { dead: boolean }): Promise<void> {
    await Promise.all(
      Array.from({ length: WORKERS }, async (_unused, worker) => {
        for (let i = 0; !stop.dead; i += 1) {
          const entry: Sent = { key: `trial-${trial}-worker-${worker}-${i}`, acknowledgedId: null };
          sent.push(entry);
          try {
            const response = await submit(entry.key);
            if (response.status === 201) entry.acknowledgedId = ((await response.json()) as { id: string }).id;
            else if (!stop.dead) throw new Error(`submission answered ${response.status}: ${await response.text()}`);
          } catch (error) {
            if (!stop.dead) throw error;
          }
        }
      }),
    );
  }

  /** Submissions per description (each is its key) in the log, read from the stopped or running server's file. */
  function submissionsPerKey(): Map<string, number> {
    const db = new Database(path.join(dataDir, 'events.sqlite'), { readonly: true, fileMustExist: true });
    try {
      const rows = db
        .prepare<[], { key: string; n: number }>(
          `SELECT json_extract(data, '$.description') AS key, COUNT(*) AS n FROM events
           WHERE type = 'LicenceApplicationSubmitted' GROUP BY key`,
        )
        .all();
      return new Map(rows.map((row) => [row.key, row.n]));
    } finally {
      db.close();
    }
  }

  beforeAll(() => {
    buildServer();
    dataDir = mkdtempSync(path.join(tmpdir(), 'lcm-submit-crash-'));
  }, 120_000);
  afterAll(async () => {
    for (const running of children) {
      if (running.child.exitCode === null && running.child.signalCode === null) {
        running.child.kill('SIGKILL');
        await running.exited;
      }
    }
    removeDir(dataDir);
  });

  it(`keeps every acknowledged case and never doubles one, over ${TRIALS} kills at random points`, async () => {
    let running = await start();
    const everything: Sent[] = [];
    for (let trial = 1; trial <= TRIALS; trial += 1) {
      const sent: Sent[] = [];
      const stop = { dead: false };
      const working = load(trial, sent, stop);
      // Let some submissions through, then kill at a random point of the load.
      while (sent.filter((entry) => entry.acknowledgedId !== null).length < 5) await sleep(5);
      await sleep(Math.floor(Math.random() * 300));
      stop.dead = true;
      running.child.kill('SIGKILL');
      await running.exited;
      await working;
      everything.push(...sent);

      running = await start();
      const acknowledged = sent.filter((entry) => entry.acknowledgedId !== null);
      expect(acknowledged.length).toBeGreaterThanOrEqual(5);

      // Nothing acknowledged is lost: each acknowledged case is there, as submitted.
      for (const entry of acknowledged) {
        const read = await fetch(`${base}/applications/${entry.acknowledgedId}`, { headers: { Authorization: `Bearer ${mintToken(SECRET, { sub: 'a', roles: ['auditor'] })}` } });
        expect({ key: entry.key, status: read.status }).toEqual({ key: entry.key, status: 200 });
        expect(((await read.json()) as { description: string }).description).toBe(entry.key);
      }

      // A retry of each request under its key: a replay, a first success, or a refusal that names the case, never a
      // second case. A key whose request was cut off mid-flight stays held for its lease (409 in flight).
      for (const entry of sent) {
        const retry = await submit(entry.key);
        const body = (await retry.json()) as { id?: string; code?: string };
        if (entry.acknowledgedId !== null) {
          expect({ key: entry.key, status: retry.status, id: body.id, replayed: retry.headers.get('idempotent-replayed') }).toEqual({
            key: entry.key,
            status: 201,
            id: entry.acknowledgedId,
            replayed: 'true',
          });
        } else {
          expect([201, 409]).toContain(retry.status);
          if (retry.status === 409) expect(['ALREADY_SUBMITTED', 'IDEMPOTENCY_KEY_IN_FLIGHT']).toContain(body.code);
        }
      }
    }

    // Nothing is doubled: the log holds at most one case per key, and one for every acknowledged key.
    const perKey = submissionsPerKey();
    expect([...perKey].filter(([, count]) => count > 1)).toEqual([]);
    expect(everything.filter((entry) => entry.acknowledgedId !== null && perKey.get(entry.key) !== 1).map((entry) => entry.key)).toEqual([]);
  }, 180_000);
});
