import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * The benchmarks keep working: `npm run bench` (its `bench:build`, then the runner) under BENCH_SMOKE=1 (tiny sizes,
 * seconds each).
 * Only that every program runs to the end and records its rows is asserted; their figures mean nothing at these
 * sizes, and timing is never asserted in the test suite (docs/benchmarks.md has the real run).
 */
describe('npm run bench (smoke run)', () => {
  it('compiles and runs every benchmark program, printing one table with a row from each', () => {
    const run = spawnSync('npm', ['run', '--silent', 'bench'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', BENCH_SMOKE: '1' },
      maxBuffer: 64 * 1024 * 1024,
    });
    const output = run.stdout + run.stderr;
    expect({ error: run.error?.message ?? null, status: run.status, failed: /Failed:.*/.exec(output)?.[0] ?? null }).toEqual({
      error: null,
      status: 0,
      failed: null,
    });

    const table = output.slice(output.lastIndexOf('| Measurement |'));
    const rows = table.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Measurement'));
    for (const program of ['SQLite append', 'POST /applications', 'rebuild of every read model', 'Re-evaluation of', 'Audit']) {
      expect(rows.some((row) => row.toLowerCase().includes(program.toLowerCase()))).toBe(true);
    }
  }, 600_000);
});
