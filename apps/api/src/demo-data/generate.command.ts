import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { isCalendarDate, LICENCE_APPLICATION_CATEGORY, PENDING_STATUSES, type CalendarDate } from '@app/domain';
import { SqliteEventStore } from '@app/infra';
import { ProgressBar, type ProgressOutput } from '../shared/read-models/rebuild/progress-bar';
import { ConfigError, loadConfig, type AppConfig } from '../shared/config/app-config';
import { sqliteFile } from '../shared/event-store/event-store.providers';
import { DESTINATIONS } from './catalogue';
import { generateCaseload, type CaseloadOptions, type CaseloadReport } from './generate-caseload';

export const GENERATE_USAGE = `  generate --cases <n> [--data-dir <dir>] [--seed <n>] [--today <YYYY-MM-DD>] [--pending-in <CC>=<n>] [--force]
      Writes a synthetic caseload of <n> licence applications into <dir> (default DATA_DIR, as for the server), through
      the event store: every licence type, 40 destinations, lifecycles ending in every state, about a third pending.
      The same --seed (default 1) and --today (default: today, UTC) give the same events. --pending-in KH=100000 makes
      exactly that many cases pending with a Cambodian end user. Refuses a directory that already holds cases unless
      --force is given (the same seed again then adds nothing). See docs/demo-data.md.`;

export interface GenerateIo {
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: ProgressOutput;
  readonly stderr: ProgressOutput;
}

/** At most this many cases in one run: a 10-million-case log is already far beyond any demo. */
const MAX_CASES = 10_000_000;

class UsageError extends Error {}

/**
 * `generate`: seeds the §126.1 register exactly as the server does at its first start (by starting the application
 * once, without listening), then writes the caseload with a progress bar on stderr and a summary on stdout. Answers
 * the exit code: 0 done, 1 failed or refused, 2 usage.
 */
export async function generateCommand(args: string[], io: GenerateIo): Promise<number> {
  let options: GenerateOptions;
  let config: AppConfig;
  try {
    options = parseOptions(args);
    config = configFor(options.dataDir, io.env);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      io.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const eventsFile = sqliteFile(config);
  if (!options.force && (await holdsCases(eventsFile))) {
    io.stderr.write(`${config.dataDir} already holds cases: generate into an empty directory, or add --force to write into it anyway\n`);
    return 1;
  }

  const started = performance.now();
  io.stderr.write(`Seeding the §126.1 register in ${config.dataDir} as the server does at its first start\n`);
  await seedLikeTheServer(config);
  const store = SqliteEventStore.open(eventsFile);
  tuneForBulkLoad(store);
  let report: CaseloadReport;
  try {
    io.stderr.write(`Generating ${options.cases} cases (seed ${options.seed}, today ${options.today})\n`);
    const bar = new ProgressBar(countingCases(io.stderr));
    report = await generateCaseload(store, options, (written, total) => bar.update(written, total));
    bar.done();
  } catch (error) {
    io.stderr.write(`\nGeneration failed: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await store.close();
  }
  io.stdout.write(summary(report, config.dataDir, (performance.now() - started) / 1000));
  return 0;
}

type GenerateOptions = CaseloadOptions & { readonly force: boolean; readonly dataDir: string | undefined };

const OPTIONS = {
  cases: { type: 'string' },
  'data-dir': { type: 'string' },
  seed: { type: 'string' },
  today: { type: 'string' },
  'pending-in': { type: 'string' },
  force: { type: 'boolean' },
} as const;

function readArgs(args: string[]) {
  try {
    return parseArgs({ args, options: OPTIONS }).values;
  } catch (error) {
    // An unknown option, or a value that looks like one: node:util says which.
    throw new UsageError(`${(error as Error).message}\n${GENERATE_USAGE}`);
  }
}

function parseOptions(args: string[]): GenerateOptions {
  const values = readArgs(args);
  const cases = integer('--cases', values.cases, 1, MAX_CASES);
  const seed = values.seed === undefined ? 1 : integer('--seed', values.seed, 0, 2 ** 31 - 1);
  const today = values.today ?? new Date().toISOString().slice(0, 10);
  if (!isCalendarDate(today)) throw new UsageError(`--today must be a date (YYYY-MM-DD), got ${today}`);
  let pendingIn: CaseloadOptions['pendingIn'] = null;
  if (values['pending-in'] !== undefined) {
    const match = /^([A-Z]{2})=(\d+)$/.exec(values['pending-in']);
    if (!match) throw new UsageError(`--pending-in must be <CC>=<n>, e.g. KH=100000, got ${values['pending-in']}`);
    if (!DESTINATIONS.some((destination) => destination.code === match[1])) {
      throw new UsageError(`--pending-in: ${match[1]} is not one of the generator's destinations (${DESTINATIONS.map((d) => d.code).join(', ')})`);
    }
    pendingIn = { country: match[1]!, count: integer('--pending-in', match[2], 0, cases) };
  }
  return { cases, seed, today: today as CalendarDate, pendingIn, force: values.force === true, dataDir: values['data-dir'] };
}

function integer(name: string, value: string | undefined, min: number, max: number): number {
  const parsed = Number(value);
  if (value === undefined || !Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}${value === undefined ? '' : `, got ${value}`}`);
  }
  return parsed;
}

/** The server's configuration for the directory; the generator needs no token secret, like `rebuild`. */
function configFor(dataDir: string | undefined, env: NodeJS.ProcessEnv): AppConfig {
  const { JWT_SECRET: _secret, NODE_ENV: _mode, ...rest } = env;
  const config = loadConfig({ ...rest, ...(dataDir !== undefined ? { DATA_DIR: dataDir } : {}), PORT: '0' });
  if (config.eventStore !== 'sqlite') {
    throw new ConfigError(`generate writes the embedded SQLite store; EVENT_STORE=${config.eventStore} is not supported in this release`);
  }
  return config;
}

/** Whether the log already holds a case (a directory a server has only seeded is fine to generate into). */
async function holdsCases(eventsFile: string): Promise<boolean> {
  if (!existsSync(eventsFile)) return false;
  const store = SqliteEventStore.open(eventsFile);
  try {
    return (await store.readAll({ limit: 1, categories: [LICENCE_APPLICATION_CATEGORY] })).length > 0;
  } finally {
    await store.close();
  }
}

/**
 * Starts the application on the directory and stops it once the re-evaluation runs of the seeded changes are done:
 * the register and its (empty) runs are then exactly what a server's first start leaves, before any case exists.
 * Loaded on demand, so the other commands do not pay for the application's modules.
 */
async function seedLikeTheServer(config: AppConfig): Promise<void> {
  const { createApp } = await import('../app.factory');
  const { ReevaluationProcessManager } = await import('../reevaluation/run-reevaluations/reevaluation.process-manager');
  const app = await createApp({ config }, false);
  try {
    await app.get(ReevaluationProcessManager).runDue();
  } finally {
    await app.close();
  }
}

/**
 * A bulk load, not acknowledged writes: the connection skips the fsync of each commit. WAL with synchronous=NORMAL
 * stays consistent after a crash (it may only lose the last batches), and the store is closed cleanly at the end,
 * which checkpoints the WAL. The server's own connection keeps synchronous=FULL.
 */
function tuneForBulkLoad(store: SqliteEventStore): void {
  store.database.pragma('synchronous = NORMAL');
}

/** The rebuild's progress bar counts events; the generator's counts cases. */
function countingCases(output: ProgressOutput): ProgressOutput {
  return { isTTY: output.isTTY, write: (text) => output.write(text.replace(/ events(\n?)$/, ' cases$1')) };
}

function summary(report: CaseloadReport, dataDir: string, seconds: number): string {
  const pending = PENDING_STATUSES.map((status) => `${report.byStatus[status]} ${status}`).join(', ');
  const decided = Object.entries(report.byStatus)
    .filter(([status]) => !(PENDING_STATUSES as readonly string[]).includes(status))
    .map(([status, count]) => `${count} ${status}`)
    .join(', ');
  return (
    `Generated ${report.cases} cases (${report.events} events) in ${seconds.toFixed(1)} s into ${dataDir}\n` +
    `  pending: ${report.pending} (${pending})\n  decided: ${decided}\n` +
    `Start the server on it with DATA_DIR=${dataDir}; its first start projects every event (GET /health shows the lag).\n`
  );
}
