import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BenchRow } from './measure';

/** The benchmark programs, in the order they run, each in a process of its own (so one's heap or files never weigh on the next). */
const PROGRAMS: ReadonlyArray<{ readonly file: string; readonly nodeArgs?: readonly string[] }> = [
  { file: 'event-store.bench.js' },
  { file: 'http-submit.bench.js' },
  { file: 'http-lifecycle.bench.js' },
  { file: 'projection.bench.js' },
  { file: 'reevaluation.bench.js' },
  { file: 'audit-verify.bench.js' },
];

/**
 * `npm run bench`: runs every program with `BENCH_RESULTS` pointing at a scratch file, then prints ONE table of what
 * they recorded. `BENCH_ONLY=name,name` runs some of them (file names without `.bench.js`). Exits non-zero when a
 * program fails; a missed target is reported in the table, never a failure (these machines are noisy).
 */
function main(): number {
  const only = (process.env.BENCH_ONLY ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  const selected = PROGRAMS.filter((program) => only.length === 0 || only.includes(program.file.replace(/\.bench\.js$/, '')));
  const scratch = mkdtempSync(path.join(tmpdir(), 'lcm-bench-results-'));
  const results = path.join(scratch, 'results.jsonl');
  const failed: string[] = [];
  try {
    for (const program of selected) {
      process.stdout.write(`\n=== ${program.file}\n`);
      const run = spawnSync(
        process.execPath,
        [...(program.nodeArgs ?? []), '-r', './tools/register-paths.js', path.join(__dirname, program.file)],
        { stdio: 'inherit', env: { ...process.env, BENCH_RESULTS: results } },
      );
      if (run.status !== 0) failed.push(`${program.file} (exit ${run.status ?? run.signal})`);
    }
    const rows = readRows(results);
    process.stdout.write(`\n${table(rows)}\n`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  if (failed.length > 0) {
    process.stderr.write(`Failed: ${failed.join(', ')}\n`);
    return 1;
  }
  return 0;
}

function readRows(file: string): BenchRow[] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as BenchRow);
  } catch {
    return [];
  }
}

/** The rows as one Markdown table, as docs/benchmarks.md shows them. */
export function table(rows: readonly BenchRow[]): string {
  const lines = ['| Measurement | Figure | Baseline (same run) | Ratio | Target | Met |', '|---|---:|---:|---:|---|:---:|'];
  for (const row of rows) {
    const ratio = row.ratio === null ? '' : row.ratio.toFixed(3);
    const met = row.met === null ? '' : row.met ? 'yes' : '**no**';
    lines.push(`| ${row.measurement} | ${row.figure} | ${row.baseline} | ${ratio} | ${row.target} | ${met} |`);
  }
  return lines.join('\n');
}

if (require.main === module) process.exitCode = main();
