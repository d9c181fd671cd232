import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * Test-only helpers that run the SQLite event store in separate OS processes, to test what in-process
 * connections cannot show: that cross-process writers are serialised by the IMMEDIATE transaction and the busy
 * timeout (a deferred transaction would fail with SQLITE_BUSY instead of a WrongExpectedVersionError).
 *
 * Child processes cannot load TypeScript, so the event-store sources are transpiled to a temp directory first.
 */

const EVENT_STORE_DIR = resolve(__dirname, '../..');
const NODE_MODULES = resolve(EVENT_STORE_DIR, '../../../../node_modules');

/** Transpiles the event store's production sources (no specs, no conformance suite) into `outDir`. */
export function transpileEventStore(outDir: string): string {
  // Test-only code (conformance/, testing/, specs) stays out, as in tsconfig.build.json.
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      if (entry.isDirectory()) return ['conformance', 'testing'].includes(entry.name) ? [] : walk(join(dir, entry.name));
      return [join(dir, entry.name)];
    });
  const sources = walk(EVENT_STORE_DIR).filter((file) => file.endsWith('.ts') && !/(spec|conformance)\.ts$/.test(file));
  for (const source of sources) {
    const { outputText } = ts.transpileModule(readFileSync(source, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    const target = join(outDir, relative(EVENT_STORE_DIR, source)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  const worker = join(outDir, 'append-worker.js');
  writeFileSync(worker, WORKER_SOURCE);
  return worker;
}

/** What a worker reports when done: how many appends it won and the errors it hit, by name. */
export interface WorkerReport {
  readonly wins: number;
  readonly conflicts: number;
  readonly errors: string[];
}

/** A forked worker holding an open store on `file`, waiting for {@link release}. */
export interface AppendWorker {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  readonly report: Promise<WorkerReport>;
  release(): void;
}

/**
 * Forks a worker that opens the store on `file` and, once released, appends one event at a time to `stream`
 * until it has won `wins` times or tried `maxAttempts` times, counting WrongExpectedVersionErrors as conflicts.
 * Each append expects `expected` if given, otherwise the exact revision the worker has just read.
 */
export function forkAppendWorker(
  worker: string,
  file: string,
  stream: string,
  options: { readonly wins: number; readonly maxAttempts: number; readonly expected?: bigint },
) {
  const { wins, maxAttempts, expected } = options;
  const args = [file, stream, String(wins), String(maxAttempts), expected === undefined ? 'read' : String(expected)];
  const child = fork(worker, args, {
    env: { ...process.env, NODE_PATH: NODE_MODULES },
    stdio: 'inherit',
  });
  let markReady!: () => void;
  const ready = new Promise<void>((resolveReady) => (markReady = resolveReady));
  const report = new Promise<WorkerReport>((resolveReport, reject) => {
    child.on('message', (message: { type: string; report?: WorkerReport }) => {
      if (message.type === 'ready') markReady();
      if (message.type === 'report' && message.report) resolveReport(message.report);
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`append worker exited with ${code} before reporting`)));
  });
  return { child, ready, report, release: () => child.send('go') } satisfies AppendWorker;
}

const WORKER_SOURCE = `
const { randomUUID } = require('node:crypto');
const { SqliteEventStore } = require('./sqlite/sqlite-event-store');
const [file, stream, winsArg, attemptsArg, expectedArg] = process.argv.slice(2);
const store = SqliteEventStore.open(file);
process.on('message', async () => {
  const report = { wins: 0, conflicts: 0, errors: [] };
  for (let attempt = 0; attempt < Number(attemptsArg) && report.wins < Number(winsArg); attempt++) {
    const revision = expectedArg === 'read' ? await store.streamRevision(stream) : BigInt(expectedArg);
    const event = { id: randomUUID(), type: 'Raced', data: { pid: process.pid },
      metadata: { actor: 'system:test', correlationId: randomUUID(), causationId: null, schemaVersion: 1 } };
    try {
      await store.appendToStream(stream, [event], { expectedRevision: revision === null ? 'no-stream' : revision });
      report.wins++;
    } catch (error) {
      if (error.name === 'WrongExpectedVersionError') report.conflicts++;
      else report.errors.push(error.code || error.name);
    }
  }
  await store.close();
  process.send({ type: 'report', report }, () => process.exit(0));
});
process.send({ type: 'ready' });
`;
