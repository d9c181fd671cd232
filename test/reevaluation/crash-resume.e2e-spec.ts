import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EventStore, RecordedEvent } from '@app/infra';
import { reevaluationIdFor } from '../../apps/api/src/reevaluation/reevaluation-ids';
import { REEVALUATION_BATCH } from '../../apps/api/src/reevaluation/run-reevaluations/reevaluation-run.executor';
import { mintToken } from '../../apps/api/src/shared/auth/jwt';
import type { Role } from '../../apps/api/src/shared/auth/roles';
import { submitCasesDirectly } from '../support/reevaluation-fixtures';
import { removeDir } from '../support/test-app';
import { openTestEventStore, readWholeLog } from '../support/test-event-store';
import { buildServer, startCompiledServer, type RunningProcess } from '../support/server-process';

/**
 * docs/product.md §2: a re-evaluation run is durable and resumable. The compiled server, in a child process, is killed with
 * SIGKILL (no shutdown hook, no last batch finished) several times at random points in the middle of a run over
 * thousands of cases, restarted on the same data each time, and the log must show the properties: no case missed,
 * none done twice, and (a batch's cases and its progress being one append) no case changed outside a recorded batch.
 *
 * The server runs on the system clock. Cambodia (KH) is not listed since 2025-11-07, so every KH case submitted
 * today is case-by-case; re-listing it today under ¶(o) with the demining exception moves every case to
 * policy-of-denial except the humanitarian-demining ones, which stay case-by-case. Nothing here depends on timing:
 * every wait polls with a deadline.
 */

const SECRET = 'crash-resume-test-secret-at-least-32-bytes!';
/** Enough cases that the run (REEVALUATION_BATCH per batch) is still going well after the last kill condition is met. */
const CASES = 16 * REEVALUATION_BATCH;
/** Every tenth case is humanitarian demining: excepted under ¶(o), so its track stays case-by-case. */
const isDeminingIndex = (index: number) => index % 10 === 0;
/** The first kill waits for at least this many cases to be durably recorded as processed (two batches). */
const KILL_AFTER_PROCESSED = 2 * REEVALUATION_BATCH;
/**
 * The server is killed this many times in the one run, each time at a random point at least this many cases
 * further on (and restarted on the same data in between), so a resumed run is itself killed and resumed.
 */
const KILLS = 3;
const CASES_BETWEEN_KILLS = 2 * REEVALUATION_BATCH;
/** After the condition is met the kill waits up to this long, so it lands at a random point of the next batch. */
const MAX_KILL_DELAY_MS = 40;

const REEVALUATION_STARTED = 'ReevaluationStarted';
const REEVALUATION_PROGRESSED = 'ReevaluationProgressed';
const REEVALUATION_COMPLETED = 'ReevaluationCompleted';
const REVIEW_TRACK_CHANGED = 'ReviewTrackChanged';

type Outcome = 'changed' | 'revised' | 'unchanged' | 'flagged' | 'not-affected';

interface Counts {
  processed: number;
  changed: number;
  unchanged: number;
  flagged: number;
  notAffected: number;
  caughtLate: number;
}

interface ProgressedData {
  reevaluationId: string;
  late: boolean;
  cursor: string | null;
  cases: { applicationId: string; outcome: Outcome }[];
  counts: Counts;
}

interface RunView extends Counts {
  id: string;
  status: 'scheduled' | 'running' | 'completed' | 'cancelled';
  total: number;
}

interface StoredEvent {
  id: string;
  streamName: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Today's date in UTC: the server's clock decides which changes are due by it. */
const utcToday = () => new Date().toISOString().slice(0, 10);

/**
 * A view of the server's event log, read through the store itself (SQLite file or PostgreSQL database) rather than
 * through the API: the kill has to be timed against what is durably recorded, not against a read model that may lag
 * behind it. The final checks look at the log itself too, which is what a resumed run works from.
 */
class StoreReader {
  private constructor(private readonly store: EventStore) {}

  static async open(dataDir: string): Promise<StoreReader> {
    return new StoreReader(await openTestEventStore(dataDir));
  }

  async stream(streamName: string): Promise<StoredEvent[]> {
    return (await this.store.readStream(streamName)).map(stored);
  }

  /** The ReviewTrackChanged events a run appended, on any case. */
  async trackChangesOfRun(reevaluationId: string): Promise<StoredEvent[]> {
    return (await this.allTrackChanges()).filter((event) => event.data.reevaluationId === reevaluationId);
  }

  /** Every ReviewTrackChanged in the log, whatever run appended it. */
  allTrackChanges(): Promise<StoredEvent[]> {
    return this.allOfType(REVIEW_TRACK_CHANGED);
  }

  /** Every event of one type in the log, in log order. */
  async allOfType(type: string): Promise<StoredEvent[]> {
    return (await readWholeLog(this.store, (event) => event.type === type)).map(stored);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

function stored(event: RecordedEvent): StoredEvent {
  return {
    id: event.id,
    streamName: event.streamName,
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: event.metadata as unknown as Record<string, unknown>,
  };
}

/** The run's durable progress: its own stream, as a resumed server loads it. */
function runState(events: StoredEvent[]) {
  const started = events.filter((event) => event.type === REEVALUATION_STARTED);
  const progressed = events.filter((event) => event.type === REEVALUATION_PROGRESSED);
  const completed = events.filter((event) => event.type === REEVALUATION_COMPLETED);
  const last = progressed.at(-1);
  return {
    started,
    progressed,
    completed,
    total: started.length > 0 ? (started[0].data.total as number) : null,
    processed: last ? (last.data as unknown as ProgressedData).counts.processed : 0,
  };
}

/**
 * Waits until the run of every recorded change of `countryCode` has completed, read from the store: the register's
 * seeded changes are re-evaluated right after the first start, and none should be left to work through the cases
 * seeded afterwards.
 */
async function waitForCompletedRuns(dataDir: string, countryCode: string, running: RunningProcess): Promise<void> {
  const reader = await StoreReader.open(dataDir);
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const changes = (await reader.stream(`CountryPolicy-${countryCode}`)).filter((event) => event.type === 'CountryStatusChanged');
      const open: StoredEvent[] = [];
      for (const change of changes) {
        const run = await reader.stream(`Reevaluation-${reevaluationIdFor(change.id)}`);
        if (!run.some((event) => event.type === REEVALUATION_COMPLETED)) open.push(change);
      }
      if (changes.length > 0 && open.length === 0) return;
      if (running.child.exitCode !== null) throw new Error(`server exited:\n${running.output()}`);
      if (Date.now() > deadline) throw new Error(`the runs of ${countryCode}'s seeded changes did not complete:\n${running.output()}`);
      await sleep(100);
    }
  } finally {
    await reader.close();
  }
}

describe('a re-evaluation run survives a crash of the server process', () => {
  let dataDir: string;
  const children: RunningProcess[] = [];
  let base = '';

  const token = (roles: Role[], sub: string) => mintToken(SECRET, { sub, roles, expiresInSeconds: 3600 });
  const admin = token(['policy-admin'], 'policy-admin-1');
  const officer = token(['case-officer'], 'officer-1');

  async function start(): Promise<RunningProcess> {
    const started = await startCompiledServer({ DATA_DIR: dataDir, JWT_SECRET: SECRET }, children);
    base = started.base;
    return started.running;
  }

  async function stop(running: RunningProcess, signal: NodeJS.Signals): Promise<void> {
    if (running.child.exitCode !== null || running.child.signalCode !== null) return;
    running.child.kill(signal);
    await running.exited;
  }

  /**
   * A GET is retried on a network error: a server busy with a run serves the event loop late, so the keep-alive
   * timer of an idle connection can fire late and drop the connection just as a request arrives on it.
   */
  async function call(method: 'GET' | 'POST', route: string, bearer: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    for (let attempt = 1; ; attempt += 1) {
      let response: Response;
      try {
        response = await fetch(`${base}${route}`, {
          method,
          headers: { Authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      } catch (error) {
        if (method !== 'GET' || attempt >= 5) throw error;
        await sleep(250);
        continue;
      }
      const text = await response.text();
      return { status: response.status, body: text.length > 0 ? (JSON.parse(text) as unknown) : null };
    }
  }

  async function getRun(reevaluationId: string): Promise<RunView> {
    const response = await call('GET', `/reevaluations/${reevaluationId}`, officer);
    if (response.status !== 200) throw new Error(`GET /reevaluations/${reevaluationId} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body as RunView;
  }

  // What the scenario records, for the checks below.
  const deminingIds = new Set<string>();
  const otherIds = new Set<string>();
  let changeId = '';
  let reevaluationId = '';
  const kills: Array<{ processed: number; total: number; unrecordedChanges: number; completed: number }> = [];
  let finalView: RunView;
  const caseByCaseListed: string[] = [];
  let runEvents: StoredEvent[] = [];
  let trackChanges: StoredEvent[] = [];
  let revisions: StoredEvent[] = [];

  beforeAll(async () => {
    buildServer();
    dataDir = mkdtempSync(path.join(tmpdir(), 'lcm-crash-resume-'));

    // 1. A first start seeds the register and runs its changes' re-evaluations (none has a case to work on); once
    //    Cambodia's are done the server stops, and the pending cases go straight into the store.
    const seeding = await start();
    await waitForCompletedRuns(dataDir, 'KH', seeding);
    await stop(seeding, 'SIGTERM');
    const ids = await submitCasesDirectly(
      dataDir,
      Array.from({ length: CASES }, (_, index) => ({
        description: `Crash-resume case ${index}`,
        endUseCodes: isDeminingIndex(index) ? ['humanitarian-demining' as const] : [],
        parties: [{ role: 'end-user' as const, name: `Cambodian end user ${index}`, country: 'KH' }],
      })),
    );
    ids.forEach((id, index) => (isDeminingIndex(index) ? deminingIds : otherIds).add(id));
    const first = await start();
    const sample = await call('GET', `/applications/${ids[1]}`, officer);
    if ((sample.body as { reviewTrack?: string }).reviewTrack !== 'case-by-case') {
      throw new Error(`a seeded case is not case-by-case: ${JSON.stringify(sample.body)}`);
    }

    // 2. Re-list Cambodia today: the change schedules one run over every KH case.
    const today = utcToday();
    const recorded = await call('POST', '/countries/KH/status-changes', admin, {
      status: 'denial-with-exceptions',
      paragraph: '(o)',
      exceptions: ['conventional-weapons-destruction', 'humanitarian-demining'],
      citation: {
        frDocument: '2026-90001',
        publishedOn: today,
        title: 'International Traffic in Arms Regulations: Cambodia',
      },
      effectiveOn: today,
      reason: 'Cambodia re-inserted in Table 2 under paragraph (o).',
    });
    if (recorded.status !== 202) throw new Error(`status change answered ${recorded.status}: ${JSON.stringify(recorded.body)}`);
    ({ changeId, reevaluationId } = recorded.body as { changeId: string; reevaluationId: string });
    if (reevaluationId !== reevaluationIdFor(changeId)) throw new Error(`run id ${reevaluationId} is not the one named after change ${changeId}`);

    // 3. Kill the server with SIGKILL once two batches are recorded, at a random moment of the next one; restart it
    //    on the same data and kill it again, a random number of cases further on, KILLS times in all.
    let running = first;
    let killAfter = KILL_AFTER_PROCESSED + Math.floor(Math.random() * REEVALUATION_BATCH);
    for (let kill = 1; kill <= KILLS; kill += 1) {
      if (kill > 1) running = await start();
      const reader = await StoreReader.open(dataDir);
      try {
        const deadline = Date.now() + 120_000;
        for (;;) {
          if (running.child.exitCode !== null) throw new Error(`server exited during the run:\n${running.output()}`);
          const state = runState(await reader.stream(`Reevaluation-${reevaluationId}`));
          if (state.completed.length > 0) {
            throw new Error(
              `the run completed (${state.total} cases) before kill ${kill} at ${killAfter} processed cases: raise CASES or lower the thresholds`,
            );
          }
          if (state.processed >= killAfter) break;
          if (Date.now() > deadline) throw new Error(`the run did not reach ${killAfter} processed cases in time:\n${running.output()}`);
          await sleep(5);
        }
        await sleep(Math.random() * MAX_KILL_DELAY_MS);
        running.child.kill('SIGKILL');
        await running.exited;

        const state = runState(await reader.stream(`Reevaluation-${reevaluationId}`));
        const recordedIds = new Set(state.progressed.flatMap((event) => (event.data as unknown as ProgressedData).cases.map((c) => c.applicationId)));
        kills.push({
          processed: state.processed,
          total: state.total ?? 0,
          completed: state.completed.length,
          unrecordedChanges: (await reader.trackChangesOfRun(reevaluationId)).filter((event) => !recordedIds.has(event.data.applicationId as string)).length,
        });
        killAfter = state.processed + CASES_BETWEEN_KILLS + Math.floor(Math.random() * REEVALUATION_BATCH);
      } finally {
        await reader.close();
      }
    }

    // 4. Restart on the same data: the process manager picks the run up from its stream and finishes it.
    await start();
    const deadline = Date.now() + 120_000;
    for (;;) {
      const view = await getRun(reevaluationId);
      if (view.status === 'completed') {
        finalView = view;
        break;
      }
      if (Date.now() > deadline) throw new Error(`the resumed run did not complete in time: ${JSON.stringify(view)}`);
      await sleep(250);
    }
    for (let cursor: string | null = null; ; ) {
      const query: string = `/applications?country=KH&reviewTrack=case-by-case&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const response = await call('GET', query, officer);
      if (response.status !== 200) throw new Error(`GET ${query} answered ${response.status}: ${JSON.stringify(response.body)}`);
      const page = response.body as { items: { id: string }[]; nextCursor: string | null };
      caseByCaseListed.push(...page.items.map((item) => item.id));
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    for (const running of children) await stop(running, 'SIGTERM');

    // 5. Read the log the two servers left behind.
    const final = await StoreReader.open(dataDir);
    try {
      runEvents = await final.stream(`Reevaluation-${reevaluationId}`);
      trackChanges = await final.allTrackChanges();
      revisions = await final.allOfType('DeterminationsRevised');
    } finally {
      await final.close();
    }
  }, 240_000);

  afterAll(async () => {
    // Even after a failure: no server is left running, and the data goes.
    for (const running of children) await stop(running, 'SIGKILL');
    if (dataDir) removeDir(dataDir);
  });

  it('killed the server in the middle of the run each time, and left no case changed outside a recorded batch', () => {
    expect(kills).toHaveLength(KILLS);
    for (const [index, kill] of kills.entries()) {
      expect(kill.completed).toBe(0);
      expect(kill.total).toBe(CASES);
      expect(kill.processed).toBeGreaterThanOrEqual(index === 0 ? KILL_AFTER_PROCESSED : kills[index - 1]!.processed + CASES_BETWEEN_KILLS);
      expect(kill.processed).toBeLessThan(kill.total);
    }
    // A batch's case events and its progress are one append: a kill leaves both or neither.
    expect(kills.map((kill) => kill.unrecordedChanges)).toEqual(kills.map(() => 0));
  });

  it('started the run once and completed it once', () => {
    expect(runEvents.filter((event) => event.type === REEVALUATION_STARTED)).toHaveLength(1);
    expect(runEvents.filter((event) => event.type === REEVALUATION_COMPLETED)).toHaveLength(1);
    expect(runEvents.at(-1)?.type).toBe(REEVALUATION_COMPLETED);
  });

  it('accounted for every case exactly once: none missed, none twice', () => {
    const progressed = runEvents.filter((event) => event.type === REEVALUATION_PROGRESSED).map((event) => event.data as unknown as ProgressedData);
    expect(progressed.filter((batch) => batch.late)).toEqual([]);
    const seen = new Map<string, number>();
    for (const batch of progressed) for (const { applicationId } of batch.cases) seen.set(applicationId, (seen.get(applicationId) ?? 0) + 1);

    const submitted = [...deminingIds, ...otherIds];
    expect(submitted).toHaveLength(CASES);
    expect(submitted.filter((id) => !seen.has(id))).toEqual([]);
    expect([...seen].filter(([, times]) => times > 1).map(([id]) => id)).toEqual([]);
    expect(seen.size).toBe(CASES);

    const outcomes = new Map(progressed.flatMap((batch) => batch.cases.map((c) => [c.applicationId, c.outcome] as const)));
    expect([...otherIds].filter((id) => outcomes.get(id) !== 'changed')).toEqual([]);
    // The re-listed ¶(o) keeps the demining cases case by case, but their Cambodia determination is revised.
    expect([...deminingIds].filter((id) => outcomes.get(id) !== 'revised')).toEqual([]);
  });

  it('revised the determinations of each demining case exactly once, and of no other case', () => {
    const byCase = new Map<string, number>();
    for (const event of revisions) {
      const id = event.data.applicationId as string;
      byCase.set(id, (byCase.get(id) ?? 0) + 1);
    }
    expect([...deminingIds].filter((id) => byCase.get(id) !== 1)).toEqual([]);
    expect([...otherIds].filter((id) => byCase.has(id))).toEqual([]);
    expect(revisions.every((event) => event.metadata.causationId === changeId && event.data.reviewTrack === 'case-by-case')).toBe(true);
  });

  it('changed the track of each non-demining case exactly once, and of no demining case', () => {
    const byCase = new Map<string, StoredEvent[]>();
    for (const event of trackChanges) {
      const id = event.data.applicationId as string;
      byCase.set(id, [...(byCase.get(id) ?? []), event]);
    }
    expect([...deminingIds].filter((id) => byCase.has(id))).toEqual([]);
    expect([...otherIds].filter((id) => byCase.get(id)?.length !== 1)).toEqual([]);
    // One summary per case, compared at once: a mismatch names the case instead of stopping at the first one.
    const unexpected = [...otherIds]
      .map((id) => {
        const [event] = byCase.get(id)!;
        return {
          id,
          stream: event.streamName === `LicenceApplication-${id}`,
          run: event.data.reevaluationId === reevaluationId,
          track: `${String(event.data.from)}->${String(event.data.to)}`,
          trigger: (event.data.trigger as { policyEventId?: string }).policyEventId === changeId,
          causation: event.metadata.causationId === changeId,
        };
      })
      .filter((c) => !c.stream || !c.run || c.track !== 'case-by-case->policy-of-denial' || !c.trigger || !c.causation);
    expect(unexpected).toEqual([]);
  });

  it('completed with counts that add up to every case', () => {
    const nonDemining = CASES - deminingIds.size;
    const counts = { total: CASES, processed: CASES, changed: nonDemining, revised: deminingIds.size, unchanged: 0, flagged: 0, notAffected: 0, caughtLate: 0 };
    const completed = runEvents.find((event) => event.type === REEVALUATION_COMPLETED)!;
    // The run's completion and its view say the same.
    expect(completed.data).toMatchObject({ reevaluationId, ...counts });
    expect(finalView).toMatchObject({ id: reevaluationId, status: 'completed', ...counts });
  });

  it('leaves only the demining cases on the case-by-case track', () => {
    expect(new Set(caseByCaseListed)).toEqual(deminingIds);
    expect(caseByCaseListed).toHaveLength(deminingIds.size);
  });
});
