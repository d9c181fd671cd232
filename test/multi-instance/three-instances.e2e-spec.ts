import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AUDIT_SEAL_STREAM, PostgresEventStore, SqliteEventStore } from '@app/infra';
import { REEVALUATION_BATCH } from '../../apps/api/src/reevaluation/run-reevaluations/reevaluation-run.executor';
import { mintToken } from '../../apps/api/src/shared/auth/jwt';
import type { Role } from '../../apps/api/src/shared/auth/roles';
import { describeWithPostgres } from '../../libs/infra/src/postgres/testing/postgres-test-database';
import { submitCasesDirectly } from '../support/reevaluation-fixtures';
import { buildServer, startCompiledServer, waitForQuiet, type RunningProcess } from '../support/server-process';
import { anApplication, removeDir } from '../support/test-app';
import { describeOnSqlite } from '../support/test-store';

/**
 * Three API processes on one store take turns at the background workers through worker leases
 * (docs/decisions/0006-workers-take-turns-through-leases.md). A Cambodia-like status change schedules one
 * re-evaluation run over thousands of pending cases; the instance holding the `reevaluation` lease (it says so in
 * its log) is killed with SIGKILL in the middle of the run; another instance takes the lease over within seconds and
 * completes the run. The public event feed must then show every case re-evaluated exactly once, and the log one
 * periodic seal per sealing period.
 *
 * The scenario takes the EVENT_STORE value, so the same test runs on SQLite (one DATA_DIR) and on PostgreSQL.
 */

const SECRET = 'three-instances-test-secret-at-least-32-bytes!';
/** Enough cases that the run is still going well after the kill (two batches and a bit). */
const CASES = 8 * REEVALUATION_BATCH;
/** Every tenth case is humanitarian demining: excepted under ¶(o), it stays case-by-case (its determination is revised). */
const isDeminingIndex = (index: number) => index % 10 === 0;
/** The kill waits for this many cases recorded as processed, then up to MAX_KILL_DELAY_MS more (a random point). */
const KILL_AFTER_PROCESSED = 2 * REEVALUATION_BATCH;
const MAX_KILL_DELAY_MS = 40;
/** The servers' lease TTL (their default). */
const LEASE_TTL_SECONDS = 10;
/**
 * How long the takeover may take: the killed holder's lease is free at once (PostgreSQL closes its session; on
 * SQLite the others see that its process is gone), then the next tick (500 ms) of another server takes it. Well
 * under the TTL, which only bounds the takeover from a holder on another machine or a reused process id.
 */
const MAX_TAKEOVER_MS = 5_000;
/** A short sealing period, so the run spans many of them. */
const SEAL_INTERVAL_SECONDS = 2;

const REEVALUATION_TYPES = ['ReevaluationStarted', 'ReevaluationProgressed', 'ReevaluationCompleted', 'ReviewTrackChanged', 'DeterminationsRevised'];

interface FeedEvent {
  id: string;
  type: string;
  subject: string;
  position: string;
  data: Record<string, unknown>;
}

interface ProgressedData {
  late: boolean;
  cases: { applicationId: string; outcome: string }[];
}

interface RunView {
  status: 'scheduled' | 'running' | 'completed' | 'cancelled';
  total: number;
  processed: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const utcToday = () => new Date().toISOString().slice(0, 10);

/** Whether a server's log says it took the worker lease `name` (a JSON log line per event). */
function tookLease(running: RunningProcess, name: string): boolean {
  return running
    .output()
    .split('\n')
    .some((line) => line.includes('Holding the worker lease') && line.includes(`"lease":"${name}"`));
}

/** The periodic seals in a SQLite log, oldest first. */
async function periodicSealTimes(dataDir: string, eventStore: string): Promise<number[]> {
  const store = eventStore === 'sqlite' ? SqliteEventStore.open(path.join(dataDir, 'events.sqlite')) : await PostgresEventStore.connect(eventStore);
  try {
    return (await store.readStream(AUDIT_SEAL_STREAM))
      .map((event) => event.data as { reason: string; sealedAt: string })
      .filter((seal) => seal.reason === 'periodic')
      .map((seal) => Date.parse(seal.sealedAt));
  } finally {
    await store.close();
  }
}

/** `eventStore` answers the EVENT_STORE of the servers (called once the suite's database exists). */
function threeInstancesScenario(eventStore: () => string): void {
  let dataDir: string;
  const children: RunningProcess[] = [];
  const servers: Array<{ running: RunningProcess; base: string }> = [];
  const token = (roles: Role[], sub: string) => mintToken(SECRET, { sub, roles, expiresInSeconds: 3600 });
  const admin = token(['policy-admin'], 'policy-admin-1');
  const officer = token(['case-officer'], 'officer-1');
  const auditor = token(['auditor'], 'auditor-1');
  const intake = token(['intake'], 'clerk-7');

  const env = () => ({
    DATA_DIR: dataDir,
    JWT_SECRET: SECRET,
    EVENT_STORE: eventStore(),
    LOG_FORMAT: 'json',
    AUDIT_SEAL_INTERVAL_SECONDS: String(SEAL_INTERVAL_SECONDS),
    WORKER_LEASE_TTL_SECONDS: String(LEASE_TTL_SECONDS),
  });

  /** A request to one server; a GET is retried on a network error (a busy server may drop an idle keep-alive). */
  async function call(base: string, method: 'GET' | 'POST', route: string, bearer: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const response = await fetch(`${base}${route}`, {
          method,
          headers: { Authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const text = await response.text();
        return { status: response.status, body: text.length > 0 ? (JSON.parse(text) as unknown) : null };
      } catch (error) {
        if (method !== 'GET' || attempt >= 5) throw error;
        await sleep(250);
      }
    }
  }

  async function stop(running: RunningProcess, signal: NodeJS.Signals): Promise<void> {
    if (running.child.exitCode !== null || running.child.signalCode !== null) return;
    running.child.kill(signal);
    await running.exited;
  }

  /** Submits the cases through the API, a few at a time, over the three servers. */
  async function submitOverHttp(cases: Array<{ endUseCodes: string[]; description: string; parties: unknown[] }>): Promise<string[]> {
    const ids: string[] = new Array<string>(cases.length);
    let next = 0;
    const worker = async (lane: number) => {
      for (let index = next++; index < cases.length; index = next++) {
        const base = servers[(index + lane) % servers.length].base;
        const response = await call(base, 'POST', '/applications', intake, anApplication(cases[index]));
        if (response.status !== 201) throw new Error(`submitting case ${index} answered ${response.status}: ${JSON.stringify(response.body)}`);
        ids[index] = (response.body as { id: string }).id;
      }
    };
    await Promise.all(Array.from({ length: 12 }, (_, lane) => worker(lane)));
    return ids;
  }

  async function runView(base: string, reevaluationId: string): Promise<RunView> {
    const response = await call(base, 'GET', `/reevaluations/${reevaluationId}`, officer);
    if (response.status !== 200) throw new Error(`GET /reevaluations/${reevaluationId} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body as RunView;
  }

  /** Every re-evaluation event of the log, through the public feed (the same on every store). */
  async function reevaluationEvents(base: string): Promise<FeedEvent[]> {
    const events: FeedEvent[] = [];
    for (let after: string | null = null; ; ) {
      const route: string = `/events?types=${REEVALUATION_TYPES.join(',')}&limit=1000${after === null ? '' : `&after=${after}`}`;
      const response = await call(base, 'GET', route, auditor);
      if (response.status !== 200) throw new Error(`GET ${route} answered ${response.status}: ${JSON.stringify(response.body)}`);
      const page = response.body as { items: FeedEvent[]; lastPosition: string | null };
      // A page may be empty while the cursor moves on (a page scans a bounded stretch of the log): the end is a
      // page that does not move it.
      if (page.items.length === 0 && page.lastPosition === after) return events;
      events.push(...page.items);
      after = page.lastPosition;
    }
  }

  const deminingIds = new Set<string>();
  const otherIds = new Set<string>();
  let reevaluationId = '';
  let holderAtKill = -1;
  let processedAtKill = 0;
  let takeoverMs = Number.NaN;
  let newHolders: number[] = [];
  let finalView: RunView;
  let events: FeedEvent[] = [];
  const LEASES = ['reevaluation', 'licence-expiry', 'audit-seal'] as const;
  /** For each worker lease, the servers whose log says they took it (at the kill, and at the end). */
  const leaseTakers = () => Object.fromEntries(LEASES.map((name) => [name, servers.flatMap((server, index) => (tookLease(server.running, name) ? [index] : []))]));
  let takersAtKill: Record<string, number[]> = {};
  let takersAtEnd: Record<string, number[]> = {};

  beforeAll(async () => {
    buildServer();
    dataDir = mkdtempSync(path.join(tmpdir(), 'lcm-three-instances-'));
    const cases = Array.from({ length: CASES }, (_, index) => ({
      description: `Three-instances case ${index}`,
      endUseCodes: isDeminingIndex(index) ? ['humanitarian-demining'] : [],
      parties: [{ role: 'end-user', name: `Cambodian end user ${index}`, country: 'KH' }],
    }));

    // 1. A first server seeds the register and runs its (empty) re-evaluations. On SQLite it stops and the pending
    //    cases go straight into the log (seconds, where the API takes minutes); elsewhere they go through the API.
    let ids: string[];
    const direct = eventStore() === 'sqlite';
    if (direct) {
      const seeding = await startCompiledServer(env(), children);
      await waitForQuiet(seeding.base, 60_000);
      await stop(seeding.running, 'SIGTERM');
      ids = await submitCasesDirectly(dataDir, cases as Parameters<typeof submitCasesDirectly>[1]);
    } else {
      ids = [];
    }

    // 2. Three servers on the same store, started one after the other, a third of a sealing period apart: their seal
    //    timers are out of phase, so two servers sealing would show as two seals within one period.
    for (let index = 0; index < 3; index += 1) {
      if (index > 0) await sleep((SEAL_INTERVAL_SECONDS * 1000) / 3);
      servers.push(await startCompiledServer(env(), children));
    }
    if (!direct) ids = await submitOverHttp(cases);
    ids.forEach((id, index) => (isDeminingIndex(index) ? deminingIds : otherIds).add(id));
    await waitForQuiet(servers[0].base, 120_000);

    // 3. Exactly one of them holds the re-evaluation lease.
    const holders = () => servers.flatMap((server, index) => (tookLease(server.running, 'reevaluation') ? [index] : []));
    for (const deadline = Date.now() + 30_000; holders().length === 0 && Date.now() < deadline; ) await sleep(100);
    const initialHolders = holders();
    if (initialHolders.length !== 1) throw new Error(`expected one holder of the reevaluation lease, found ${JSON.stringify(initialHolders)}`);
    holderAtKill = initialHolders[0];
    const survivor = servers[(holderAtKill + 1) % 3];

    // 4. Re-list Cambodia today under ¶(o), through a server that does not hold the lease.
    const today = utcToday();
    const recorded = await call(survivor.base, 'POST', '/countries/KH/status-changes', admin, {
      status: 'denial-with-exceptions',
      paragraph: '(o)',
      exceptions: ['conventional-weapons-destruction', 'humanitarian-demining'],
      citation: { frDocument: '2026-90002', publishedOn: today, title: 'International Traffic in Arms Regulations: Cambodia' },
      effectiveOn: today,
      reason: 'Cambodia re-inserted in Table 2 under paragraph (o).',
    });
    if (recorded.status !== 202) throw new Error(`status change answered ${recorded.status}: ${JSON.stringify(recorded.body)}`);
    ({ reevaluationId } = recorded.body as { reevaluationId: string });

    // 5. Kill the holder with SIGKILL once two batches are recorded, at a random point of the next one.
    const holder = servers[holderAtKill].running;
    for (const deadline = Date.now() + 120_000; ; ) {
      if (holder.child.exitCode !== null) throw new Error(`the lease holder exited during the run:\n${holder.output()}`);
      const view = await runView(survivor.base, reevaluationId);
      if (view.status === 'completed') throw new Error(`the run completed (${view.total} cases) before the kill: raise CASES`);
      if (view.processed >= KILL_AFTER_PROCESSED) break;
      if (Date.now() > deadline) throw new Error(`the run did not reach ${KILL_AFTER_PROCESSED} cases in time: ${JSON.stringify(view)}`);
      await sleep(10);
    }
    await sleep(Math.random() * MAX_KILL_DELAY_MS);
    takersAtKill = leaseTakers();
    holder.child.kill('SIGKILL');
    await holder.exited;
    const killedAt = Date.now();
    processedAtKill = (await runView(survivor.base, reevaluationId)).processed;

    // 6. Another server takes the lease over and completes the run.
    const others = servers.flatMap((server, index) => (index === holderAtKill ? [] : [{ server, index }]));
    for (const deadline = killedAt + 60_000; ; ) {
      newHolders = others.filter(({ server }) => tookLease(server.running, 'reevaluation')).map(({ index }) => index);
      if (newHolders.length > 0) break;
      if (Date.now() > deadline) throw new Error('no server took the reevaluation lease over within 60 s');
      await sleep(50);
    }
    takeoverMs = Date.now() - killedAt;
    for (const deadline = Date.now() + 180_000; ; ) {
      const view = await runView(survivor.base, reevaluationId);
      if (view.status === 'completed') {
        finalView = view;
        break;
      }
      if (Date.now() > deadline) throw new Error(`the run did not complete after the takeover: ${JSON.stringify(view)}`);
      await sleep(250);
    }
    await waitForQuiet(survivor.base, 60_000);
    // A sealing period more, so a seal lease the killed server held is taken over too.
    await sleep(SEAL_INTERVAL_SECONDS * 1000 + 1_000);
    takersAtEnd = leaseTakers();
    events = await reevaluationEvents(survivor.base);
  }, 420_000);

  afterAll(async () => {
    for (const running of children) await stop(running, 'SIGKILL');
    if (dataDir) removeDir(dataDir);
  });

  it('killed the lease holder in the middle of the run, and another server took the lease over within seconds', () => {
    expect(processedAtKill).toBeGreaterThanOrEqual(KILL_AFTER_PROCESSED);
    expect(processedAtKill).toBeLessThan(CASES);
    expect(newHolders).toHaveLength(1);
    expect(newHolders[0]).not.toBe(holderAtKill);
    expect(takeoverMs).toBeLessThan(MAX_TAKEOVER_MS);
  });

  it('started the run once and completed it once, with every case counted', () => {
    const ofRun = events.filter((event) => event.subject === `Reevaluation-${reevaluationId}`);
    expect(ofRun.filter((event) => event.type === 'ReevaluationStarted')).toHaveLength(1);
    expect(ofRun.filter((event) => event.type === 'ReevaluationCompleted')).toHaveLength(1);
    expect(ofRun.at(-1)?.type).toBe('ReevaluationCompleted');
    expect(finalView).toMatchObject({ status: 'completed', total: CASES, processed: CASES });
  });

  it('recorded every case in the run exactly once: none missed, none twice', () => {
    const progressed = events
      .filter((event) => event.type === 'ReevaluationProgressed' && event.subject === `Reevaluation-${reevaluationId}`)
      .map((event) => event.data as unknown as ProgressedData);
    expect(progressed.filter((batch) => batch.late)).toEqual([]);
    const times = new Map<string, number>();
    for (const batch of progressed) for (const { applicationId } of batch.cases) times.set(applicationId, (times.get(applicationId) ?? 0) + 1);
    const submitted = [...deminingIds, ...otherIds];
    expect(submitted).toHaveLength(CASES);
    expect(submitted.filter((id) => times.get(id) !== 1)).toEqual([]);
    expect(times.size).toBe(CASES);
  });

  it('changed the track of each non-demining case once, and revised each demining case once', () => {
    const count = (type: string) => {
      const byCase = new Map<string, number>();
      for (const event of events.filter((candidate) => candidate.type === type && candidate.data.reevaluationId === reevaluationId)) {
        const id = event.data.applicationId as string;
        byCase.set(id, (byCase.get(id) ?? 0) + 1);
      }
      return byCase;
    };
    const trackChanges = count('ReviewTrackChanged');
    const revisions = count('DeterminationsRevised');
    expect([...otherIds].filter((id) => trackChanges.get(id) !== 1)).toEqual([]);
    expect([...deminingIds].filter((id) => revisions.get(id) !== 1)).toEqual([]);
    expect(trackChanges.size + revisions.size).toBe(CASES);
  });

  it('ran each worker in one server at a time: one took each lease, and only the killed one was replaced', () => {
    for (const name of LEASES) {
      expect({ name, takers: takersAtKill[name] }).toEqual({ name, takers: [expect.any(Number)] });
      const original = takersAtKill[name]![0]!;
      const others = takersAtEnd[name]!.filter((index) => index !== original);
      expect(takersAtEnd[name]).toContain(original);
      // Nobody takes a lease its live holder keeps; a lease of the killed server goes to one other server (the
      // expiry check runs once a minute, so its takeover may come after the test ends).
      const allowed = original !== holderAtKill ? [0] : name === 'licence-expiry' ? [0, 1] : [1];
      expect({ name, others: others.length, allowed: allowed.includes(others.length) }).toEqual({ name, others: others.length, allowed: true });
    }
  });

  it('sealed the log once per sealing period, not once per server', async () => {
    const times = await periodicSealTimes(dataDir, eventStore());
    // The run kept the log busy for more than one period (how many depends on the machine's speed): at least one
    // gap between two periodic seals to check.
    expect(times.length).toBeGreaterThanOrEqual(2);
    const gaps = times.slice(1).map((time, index) => time - times[index]);
    // A timer fired late by a busy event loop shortens the next gap a little; two servers sealing the same period
    // would leave a gap far shorter than half a period.
    expect(gaps.filter((gap) => gap < (SEAL_INTERVAL_SECONDS * 1000) / 2)).toEqual([]);
  });
}

describeOnSqlite('three API processes on one SQLite data directory take turns at the workers', 'the servers share one SQLite data directory', () => {
  threeInstancesScenario(() => 'sqlite');
});

describeWithPostgres('three API processes on one PostgreSQL database take turns at the workers', (database) => {
  threeInstancesScenario(() => database().url);
});
