import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface Measurement {
  readonly name: string;
  readonly operations: number;
  readonly seconds: number;
  readonly perSecond: number;
  /** What is counted; `ops` unless said otherwise. */
  readonly unit?: string;
}

/** The same measurement counted in another unit, `perOperation` of them per operation (e.g. the events a rebuild replays). */
export function inUnits(measurement: Measurement, perOperation: number, unit: string): Measurement {
  return {
    ...measurement,
    operations: measurement.operations * perOperation,
    perSecond: measurement.perSecond * perOperation,
    unit,
  };
}

/** Runs `operation` `count` times (after `warmup` unmeasured runs) and reports operations per second. */
export async function measure(name: string, count: number, operation: (index: number) => Promise<unknown>, warmup = 20): Promise<Measurement> {
  for (let index = 0; index < warmup; index += 1) await operation(-1 - index);
  const started = performance.now();
  for (let index = 0; index < count; index += 1) await operation(index);
  const seconds = (performance.now() - started) / 1000;
  return { name, operations: count, seconds, perSecond: count / seconds };
}

/** Runs `count` operations with `concurrency` workers in parallel. */
export async function measureConcurrent(
  name: string,
  count: number,
  concurrency: number,
  operation: (index: number) => Promise<unknown>,
): Promise<Measurement> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await operation(next++);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { name, operations: count, seconds, perSecond: count / seconds };
}

export function report(title: string, baseline: Measurement, measured: readonly Measurement[]): void {
  process.stdout.write(`\n${title}\n`);
  for (const m of [baseline, ...measured]) {
    const ratio = m === baseline ? 'baseline' : `${(m.perSecond / baseline.perSecond).toFixed(3)} × baseline`;
    process.stdout.write(
      `  ${m.name.padEnd(58)} ${m.perSecond.toFixed(0).padStart(9)} ${m.unit ?? 'ops'}/s  (${m.operations} in ${m.seconds.toFixed(2)} s; ${ratio})\n`,
    );
  }
}

/**
 * One line of the table `npm run bench` prints (bench/run-all.ts): a figure beside the baseline measured in the
 * same run, their ratio, and the issue's target for it. Timing is never asserted: `met` is reported, not enforced.
 */
export interface BenchRow {
  /** What was measured, e.g. `POST /applications, 32 clients / GET /health`. */
  readonly measurement: string;
  /** The figure with its unit, e.g. `1 234 req/s, p99 12 ms`. */
  readonly figure: string;
  /** The baseline measured in the same run, with its unit; empty when the target is absolute. */
  readonly baseline: string;
  /** figure / baseline, when they are comparable. */
  readonly ratio: number | null;
  /** The target, e.g. `≥ 0.5 ×, p99 ≤ 50 ms`. */
  readonly target: string;
  /** Whether the target was met in this run (null: no target). */
  readonly met: boolean | null;
}

/** Reports rows to the table of `npm run bench` (a JSON line each to `BENCH_RESULTS`), and prints them. */
export function record(rows: readonly BenchRow[]): void {
  const file = process.env.BENCH_RESULTS;
  for (const row of rows) {
    const ratio = row.ratio === null ? '' : ` (${row.ratio.toFixed(3)} ×)`;
    const verdict = row.met === null ? '' : row.met ? '  [target met]' : '  [target missed]';
    process.stdout.write(`  ${row.measurement}: ${row.figure}${row.baseline ? ` vs ${row.baseline}` : ''}${ratio}${row.target ? `; target ${row.target}` : ''}${verdict}\n`);
    if (file) appendFileSync(file, `${JSON.stringify(row)}\n`);
  }
}

/** True when `npm test` runs the benchmarks as a smoke test: tiny sizes, figures meaningless, only that they work. */
export const SMOKE = process.env.BENCH_SMOKE === '1';

/** A size from the environment, or `normal` (or `smoke` under BENCH_SMOKE). */
export function benchSize(name: string, normal: number, smoke: number): number {
  const value = process.env[name];
  if (value !== undefined && value !== '') {
    const parsed = Number(value);
    if (!Number.isSafeInteger(parsed) || parsed <= 0) throw new RangeError(`${name} must be a positive integer, got ${value}`);
    return parsed;
  }
  return SMOKE ? smoke : normal;
}

/** Runs a benchmark's entry point; a failure goes to stderr with its stack and fails the process. */
export function runBench(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
