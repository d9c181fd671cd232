import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { LicenceApplication, licenceApplicationStream } from '@app/domain';
import { AggregateRepository, SqliteEventStore } from '@app/infra';
import { generateCommand } from '../apps/api/src/demo-data/generate.command';
import { caseIdOf, isFocusCase } from '../apps/api/src/demo-data/generate-caseload';
import type { ReevaluationRunView } from '../apps/api/src/reevaluation/reevaluation-runs/reevaluation-runs.read-model';
import { mintToken } from '../apps/api/src/shared/auth/jwt';
import { foldAsOf, latency, writeLongCase, type Latency, type LongCase } from './case-fold';
import { benchSize, record, runBench, SMOKE } from './measure';
import { startServerProcess, type ServerProcess } from './server-process';

/**
 * Re-evaluation at scale, as a user meets it: `generate` writes TOTAL cases, CAMBODIA of them pending with a
 * Cambodian end user; the compiled server starts on the directory as a process of its own; a policy administrator
 * re-lists Cambodia over HTTP and the clock runs until GET /reevaluations/:id says completed and GET /health shows
 * every projection caught up. Then a second ¶(o) entry (no case moves track), and the `?asOf` fold of a 100-event
 * case. BENCH_SERVER_CPU_PROF=<dir> profiles the server (`--cpu-prof`).
 */
const TOTAL = benchSize('BENCH_REEVALUATION_CASES', 300_000, 600);
const CAMBODIA = benchSize('BENCH_REEVALUATION_CAMBODIA', 100_000, 200);
const FOLD_EVENTS = 100;
const FOLD_SAMPLES = SMOKE ? 100 : 2000;
const SEED = 1;
const SECRET = 'bench-secret-of-at-least-thirty-two-bytes';
const MB = 1024 * 1024;
/** The ¶(o) exceptions of Cambodia's 2021 listing (86 FR 70053). */
const PARAGRAPH_O = { status: 'denial-with-exceptions', paragraph: '(o)', exceptions: ['conventional-weapons-destruction', 'humanitarian-demining'] };

const seconds = (since: number) => (performance.now() - since) / 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string) => process.stdout.write(`${line}\n`);

/** What the benchmark reads of GET /reevaluations/:id. */
type RunView = Pick<
  ReevaluationRunView,
  'status' | 'total' | 'processed' | 'changed' | 'revised' | 'unchanged' | 'flagged' | 'notAffected' | 'startedAt' | 'completedAt'
>;

/** One timed run: from the POST of the change to the run completed, then to every projection caught up. */
interface TimedRun {
  readonly view: RunView;
  /** POST → run completed (as GET /reevaluations/:id first says), seconds. */
  readonly untilCompleted: number;
  /** POST → every projection caught up, seconds. */
  readonly total: number;
  /** The run itself, by the server's clock (startedAt → completedAt), seconds. */
  readonly run: number;
}

class Api {
  private readonly admin = mintToken(SECRET, { sub: 'policy-admin-1', roles: ['policy-admin', 'auditor'] });

  constructor(readonly server: ServerProcess) {}

  async json<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.server.base}${route}`, {
      method,
      headers: { Authorization: `Bearer ${this.admin}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  async caughtUp(): Promise<boolean> {
    const health = await this.json<{ projections: { caughtUp: boolean }[] }>('GET', '/health');
    return health.body.projections.length > 0 && health.body.projections.every((projection) => projection.caughtUp);
  }

  /** Records a change of Cambodia effective today and times its run as a user sees it. */
  async timedChange(change: object): Promise<TimedRun> {
    const started = performance.now();
    const posted = await this.json<{ reevaluationId: string }>('POST', '/countries/KH/status-changes', change);
    if (posted.status !== 202) throw new Error(`the change answered ${posted.status}: ${JSON.stringify(posted.body)}`);
    let view: RunView;
    for (;;) {
      view = (await this.json<RunView>('GET', `/reevaluations/${posted.body.reevaluationId}`)).body;
      if (view.status === 'completed') break;
      await sleep(100);
    }
    const untilCompleted = seconds(started);
    while (!(await this.caughtUp())) await sleep(20);
    const run = (Date.parse(view.completedAt!) - Date.parse(view.startedAt!)) / 1000;
    return { view, untilCompleted, total: seconds(started), run };
  }
}

function cambodiaChange(today: string, frDocument: string, reason: string): object {
  return {
    ...PARAGRAPH_O,
    citation: { frDocument, publishedOn: today, title: 'International Traffic in Arms Regulations: Cambodia' },
    effectiveOn: today,
    reason,
  };
}

/** Fails the bench unless the run did what it should: every pending case changed or revised, live licences flagged. */
function verify(label: string, view: RunView, expected: { changed: number | 'some'; revised: number | 'some' }): void {
  const pendingDone = view.changed + view.revised === CAMBODIA;
  const changedOk = expected.changed === 'some' ? view.changed > 0 : view.changed === expected.changed;
  const revisedOk = expected.revised === 'some' ? view.revised > 0 : view.revised === expected.revised;
  if (!pendingDone || !changedOk || !revisedOk || view.unchanged !== 0 || view.processed !== CAMBODIA + view.flagged) {
    throw new Error(`${label}: unexpected run ${JSON.stringify(view)}`);
  }
}

/** The run's read floor: each Cambodia case loaded and folded through the store, in id order, in this process. */
async function readBaseline(store: SqliteEventStore): Promise<number> {
  const ids: string[] = [];
  for (let index = 0; index < TOTAL; index += 1) if (isFocusCase(index, CAMBODIA, TOTAL)) ids.push(caseIdOf(SEED, index));
  ids.sort();
  const repository = new AggregateRepository(store, () => randomUUID());
  const started = performance.now();
  for (const id of ids) {
    const { aggregate } = await repository.load(licenceApplicationStream(id), () => new LicenceApplication(id));
    if (aggregate.state === null) throw new Error(`case ${id} was not generated`);
  }
  return seconds(started);
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lcm-bench-reevaluation-'));
  const today = new Date().toISOString().slice(0, 10);
  let server: ServerProcess | null = null;
  try {
    // 1. Generate, as a user would (the CLI command, in this process).
    const generating = performance.now();
    const args = ['--cases', String(TOTAL), '--data-dir', dataDir, '--seed', String(SEED), '--today', today, '--pending-in', `KH=${CAMBODIA}`];
    const out: string[] = [];
    const code = await generateCommand(args, { env: {}, stdout: { write: (text: string) => out.push(text) }, stderr: process.stderr });
    if (code !== 0) throw new Error(`generate exited with ${code}: ${out.join('')}`);
    const generated = seconds(generating);
    log(out.join('').trimEnd());

    // 2. The 100-event case, the read baseline and the in-process fold, before the server opens the store.
    const store = SqliteEventStore.open(path.join(dataDir, 'events.sqlite'));
    let longCase: LongCase;
    let baseline: number;
    let events: number;
    let generatedEvents: number;
    let fold: Latency;
    try {
      generatedEvents = Number(await store.lastPosition());
      longCase = await writeLongCase(store, FOLD_EVENTS);
      baseline = await readBaseline(store);
      fold = await latency(FOLD_SAMPLES, foldAsOf(store, longCase));
      events = Number(await store.lastPosition());
    } finally {
      await store.close();
    }
    log(`Read baseline: ${CAMBODIA} Cambodia cases loaded and folded in ${baseline.toFixed(2)} s`);

    // 3. The server, a process of its own: it catches its read models up with the whole log before it listens.
    const starting = performance.now();
    server = await startServerProcess({ DATA_DIR: dataDir, JWT_SECRET: SECRET }, process.env.BENCH_SERVER_CPU_PROF);
    const api = new Api(server);
    while (!(await api.caughtUp())) await sleep(50);
    const startup = seconds(starting);
    const startupPeak = server.peakRss();
    log(`Server started on ${events} events in ${startup.toFixed(1)} s (peak RSS ${(startupPeak / MB).toFixed(0)} MB)`);
    const asOf = `/applications/${longCase.id}?asOf=${encodeURIComponent(longCase.lastRecordedAt)}`;
    const overHttp = await latency(FOLD_SAMPLES, async () => {
      const response = await api.json<{ revision: number }>('GET', asOf);
      if (response.body.revision !== FOLD_EVENTS - 1) throw new Error(`the ?asOf view is at revision ${response.body.revision}`);
    });

    // 4. The re-listing, then a second ¶(o) entry: every case stays on its track and is revised.
    const measuredPeak = server.resetPeakRss();
    const relisting = await api.timedChange(cambodiaChange(today, '2026-90001', 'Cambodia re-listed under ¶(o)'));
    verify('re-listing', relisting.view, { changed: 'some', revised: 'some' });
    const noChange = await api.timedChange(cambodiaChange(today, '2026-90002', 'A second ¶(o) entry for Cambodia'));
    verify('second ¶(o) entry', noChange.view, { changed: 0, revised: CAMBODIA });
    const runPeak = server.peakRss();
    await server.stop();
    server = null;

    const breakdown = (timed: TimedRun) =>
      `${timed.total.toFixed(1)} s: run ${timed.run.toFixed(1)} s, POST → completed ${timed.untilCompleted.toFixed(1)} s, projections ${(timed.total - timed.untilCompleted).toFixed(1)} s more`;
    const base = `read + fold of the ${CAMBODIA} cases in-process: ${baseline.toFixed(1)} s`;
    record([
      {
        measurement: `Re-evaluation of ${CAMBODIA} pending Cambodia cases among ${TOTAL} (re-listing over HTTP): until completed and every projection caught up`,
        figure: breakdown(relisting),
        baseline: base,
        ratio: relisting.total / baseline,
        target: '≤ 10 s',
        met: relisting.total <= 10,
      },
      {
        measurement: `No-change run: a second ¶(o) entry, no case moves track (${CAMBODIA} revised)`,
        figure: breakdown(noChange),
        baseline: base,
        ratio: noChange.total / baseline,
        target: '',
        met: null,
      },
      {
        measurement: 'Server peak RSS during the two runs',
        figure: `${(runPeak / MB).toFixed(0)} MB${measuredPeak ? '' : ' (peak since start: clear_refs refused)'}`,
        baseline: `peak while starting: ${(startupPeak / MB).toFixed(0)} MB`,
        ratio: null,
        target: '≤ 400 MB',
        met: runPeak <= 400 * MB,
      },
      {
        measurement: `Server start on the generated log (${events} events) until every projection caught up`,
        figure: `${startup.toFixed(1)} s (${(events / startup).toFixed(0)} events/s)`,
        baseline: '',
        ratio: null,
        target: '',
        met: null,
      },
      {
        measurement: `generate --cases ${TOTAL} (${generatedEvents} events, register seeding included)`,
        figure: `${generated.toFixed(1)} s (${(TOTAL / generated).toFixed(0)} cases/s, ${(generatedEvents / generated).toFixed(0)} events/s)`,
        baseline: '',
        ratio: null,
        target: '',
        met: null,
      },
      {
        measurement: `?asOf fold of a ${FOLD_EVENTS}-event case (loadCaseView in-process; GET /applications/:id?asOf over HTTP)`,
        figure: `p50 ${fold.p50.toFixed(2)} ms, p99 ${fold.p99.toFixed(2)} ms; HTTP p50 ${overHttp.p50.toFixed(2)} ms, p99 ${overHttp.p99.toFixed(2)} ms`,
        baseline: '',
        ratio: null,
        target: '≤ 2 ms',
        met: fold.p50 <= 2,
      },
    ]);
  } catch (error) {
    if (server !== null) process.stderr.write(server.output());
    throw error;
  } finally {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

runBench(main);
