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
