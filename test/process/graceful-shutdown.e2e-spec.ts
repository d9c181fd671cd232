import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { mintToken } from '../../apps/api/src/shared/auth/jwt';
import { submitCasesDirectly } from '../support/reevaluation-fixtures';
import { buildServer, freePort, runCompiled, waitForHealth, type RunningProcess } from '../support/server-process';
import { relistCambodia } from '../support/status-changes';
import { anApplication, removeDir } from '../support/test-app';
import { describeOnSqlite } from '../support/test-store';

/**
 * SIGTERM under load, on the compiled server in a child process: while clients keep submitting cases and a
 * re-evaluation run is between batches, the server stops accepting, answers every request it had received, lets
 * the run record its current batch, closes its stores and exits as signalled, within SHUTDOWN_TIMEOUT_MS.
 * Then a second start on the same data reads back every case whose 201 a client received.
 */

const SECRET = 'graceful-shutdown-test-secret-32-bytes!!';
const SHUTDOWN_TIMEOUT_MS = 15_000;
/** Several batches of 200, so the signal lands while the run still has work. */
const PENDING_CASES = 1000;
const CLIENTS = 6;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const utcToday = () => new Date().toISOString().slice(0, 10);
const token = (roles: Parameters<typeof mintToken>[1]['roles'], sub: string) => mintToken(SECRET, { sub, roles, expiresInSeconds: 3600 });

/** What one client saw of one POST: no answer at all, a complete answer, or headers whose body never arrived whole. */
type Attempt = { kind: 'no-answer'; error: string } | { kind: 'answered'; status: number; id: string | null } | { kind: 'cut'; status: number; error: string };

async function submit(base: string, bearer: string, index: number): Promise<Attempt> {
  let response: Response;
  try {
    response = await fetch(`${base}/applications`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(anApplication({ description: `Load case ${index}`, parties: [{ role: 'end-user', name: 'Bundeswehr', country: 'DE' }] })),
    });
  } catch (error) {
    return { kind: 'no-answer', error: String((error as Error).cause ?? error) };
  }
  try {
    const body = JSON.parse(await response.text()) as { id?: string };
    return { kind: 'answered', status: response.status, id: body.id ?? null };
  } catch (error) {
    return { kind: 'cut', status: response.status, error: String(error) };
  }
}

/** The ids of the cases `actor` submitted, read from the store file. */
function submittedBy(dataDir: string, actor: string): string[] {
  const db = new Database(path.join(dataDir, 'events.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare<[string], { id: string }>(
        "SELECT json_extract(data, '$.applicationId') AS id FROM events WHERE type = 'LicenceApplicationSubmitted' AND json_extract(metadata, '$.actor') = ?",
      )
      .all(actor)
      .map((row) => row.id);
  } finally {
    db.close();
  }
}

/** The run's own stream and the cases it changed, read from the store file once the server has exited. */
function runRecord(dataDir: string, reevaluationId: string) {
  const db = new Database(path.join(dataDir, 'events.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const run = db
      .prepare<[string], { type: string; data: string }>('SELECT type, data FROM events WHERE stream_name = ? ORDER BY stream_revision')
      .all(`Reevaluation-${reevaluationId}`)
      .map((row) => ({ type: row.type, data: JSON.parse(row.data) as { cases?: { applicationId: string; outcome: string }[] } }));
    const changed = db
      .prepare<[string], { stream_name: string }>(
        "SELECT stream_name FROM events WHERE type = 'ReviewTrackChanged' AND json_extract(data, '$.reevaluationId') = ?",
      )
      .all(reevaluationId)
      .map((row) => row.stream_name.slice('LicenceApplication-'.length));
    return { run, changed };
  } finally {
    db.close();
  }
}

describeOnSqlite('SIGTERM under load', 'it reads events.sqlite directly after the exit', () => {
  let dataDir: string;
  let port: number;
  const children: RunningProcess[] = [];

  const env = () => ({ NODE_ENV: 'production', DATA_DIR: dataDir, PORT: String(port), JWT_SECRET: SECRET, SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) });
  const start = async () => {
    const running = runCompiled('main', env());
    children.push(running);
    await waitForHealth(port, running, 60_000);
    return running;
  };

  beforeAll(() => {
    buildServer();
    dataDir = mkdtempSync(path.join(tmpdir(), 'lcm-shutdown-'));
  }, 120_000);
  afterAll(async () => {
    for (const child of children) {
      if (child.child.exitCode === null && child.child.signalCode === null) {
        child.child.kill('SIGKILL');
        await child.exited;
      }
    }
    removeDir(dataDir);
  });

  it('answers every request it received, records the current batch, exits as signalled in time, and loses no acknowledged case', async () => {
    port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const first = await start();
    // Pending Cambodia cases for the run, written by another connection while the server runs (it projects them).
    await submitCasesDirectly(dataDir, Array.from({ length: PENDING_CASES }, () => ({ parties: [{ role: 'end-user' as const, name: 'RCAF', country: 'KH' }] })));

    const intake = token(['intake'], 'clerk-7');
    const attempts: Attempt[] = [];
    let next = 0;
    let stop = false;
    const client = async () => {
      while (!stop) {
        const attempt = await submit(base, intake, (next += 1));
        attempts.push(attempt);
        if (attempt.kind === 'no-answer') return;
      }
    };
    const clients = Array.from({ length: CLIENTS }, () => client());

    const relisted = await fetch(`${base}/countries/KH/status-changes`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token(['policy-admin'], 'policy-admin-1')}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(relistCambodia(utcToday())),
    });
    expect(relisted.status).toBe(202);
    const { reevaluationId } = (await relisted.json()) as { reevaluationId: string };

    // Signal once the run is under way (its first batch recorded) and the clients have had answers.
    const deadline = Date.now() + 60_000;
    while (
      !first.output().includes(`Run ${reevaluationId}`) ||
      attempts.filter((attempt) => attempt.kind === 'answered').length < 20
    ) {
      if (Date.now() > deadline) throw new Error(`the run did not start:\n${first.output()}`);
      await sleep(20);
    }
    const signalledAt = Date.now();
    first.child.kill('SIGTERM');
    await first.exited;
    const exitedAfterMs = Date.now() - signalledAt;
    stop = true;
    await Promise.all(clients);

    // It exited as signalled (after a clean close), not by the timeout's exit(1), and within the bound.
    expect(first.child.exitCode).toBeNull();
    expect(first.child.signalCode).toBe('SIGTERM');
    expect(exitedAfterMs).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
    expect(first.output()).toContain('Shutdown complete');

    // No answer was cut mid-way; every answer was a 201; the only failures are connections it no longer accepted.
    expect(attempts.filter((attempt) => attempt.kind === 'cut')).toEqual([]);
    const answered = attempts.filter((attempt): attempt is Extract<Attempt, { kind: 'answered' }> => attempt.kind === 'answered');
    expect(answered.map((attempt) => attempt.status).filter((status) => status !== 201)).toEqual([]);
    for (const attempt of attempts.filter((a) => a.kind === 'no-answer')) expect(attempt.error).toMatch(/ECONNREFUSED|ECONNRESET|EPIPE|other side closed/);
    // A request the server took in was answered: every case the clients' user submitted is one they got a 201 for
    // (a request cut after its append would leave a durable case nobody was told about).
    expect(submittedBy(dataDir, 'clerk-7').sort()).toEqual(answered.map((attempt) => attempt.id).sort());

    // The run stopped between batches: every case it changed is accounted for in a batch it recorded.
    const atStop = runRecord(dataDir, reevaluationId);
    const recorded = new Set(atStop.run.flatMap((event) => (event.data.cases ?? []).map((entry) => entry.applicationId)));
    expect(atStop.changed.filter((id) => !recorded.has(id))).toEqual([]);
    expect(atStop.run.map((event) => event.type)).toContain('ReevaluationStarted');

    // A second start on the same data: every acknowledged case is there, and the run goes on to completion.
    const second = await start();
    const officer = token(['case-officer'], 'officer-1');
    for (const { id } of answered) {
      const read = await fetch(`${base}/applications/${id}`, { headers: { Authorization: `Bearer ${officer}` } });
      expect(read.status).toBe(200);
    }
    let view: { status: string; total: number; processed: number } = { status: '', total: -1, processed: 0 };
    const runDeadline = Date.now() + 60_000;
    while (view.status !== 'completed' && Date.now() < runDeadline) {
      await sleep(100);
      const read = await fetch(`${base}/reevaluations/${reevaluationId}`, { headers: { Authorization: `Bearer ${officer}` } });
      if (read.ok) view = (await read.json()) as typeof view;
    }
    expect(view).toMatchObject({ status: 'completed', total: PENDING_CASES, processed: PENDING_CASES });
    second.child.kill('SIGTERM');
    await second.exited;
  }, 180_000);
});
