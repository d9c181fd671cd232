import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mintToken } from '../apps/api/src/shared/auth/jwt';
import type { Role } from '../apps/api/src/shared/auth/roles';

const SECRET = 'bench-secret-of-at-least-thirty-two-bytes';
/** The repository root (this file runs from dist/bench/). */
const ROOT = path.resolve(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');

export interface BenchServer {
  /** `http://127.0.0.1:<port>` */
  readonly base: string;
  token(sub: string, roles: Role[]): string;
  /** Stops the server (SIGTERM: a graceful shutdown, which also writes its CPU profile) and removes its files. */
  close(): Promise<void>;
}

/**
 * The compiled server (`npm start`'s `dist/apps/api/src/main.js`, built by `tsc -p tsconfig.bench.json`) in a process
 * of its own, so that the load generator never shares its event loop or its CPU time: over a fresh SQLite directory,
 * as deployed (NODE_ENV=production: JSON logs at info, one line a request, written to a file here). With
 * `BENCH_CPU_PROF=<dir>` it runs under `node --cpu-prof` and leaves its profile in that directory.
 */
export async function startBenchServer(name: string): Promise<BenchServer> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: compile first with npx tsc -p tsconfig.bench.json`);
  const scratch = mkdtempSync(path.join(tmpdir(), `lcm-bench-${name}-`));
  const dataDir = path.join(scratch, 'data');
  mkdirSync(dataDir);
  const logFile = path.join(scratch, 'server.log');
  const log = openSync(logFile, 'w');
  const port = await freePort();
  const profileDir = process.env.BENCH_CPU_PROF;
  const child = spawn(
    process.execPath,
    [...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(profileDir)] : []), '-r', path.join(ROOT, 'tools', 'register-paths.js'), MAIN],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', DATA_DIR: dataDir, JWT_SECRET: SECRET, PORT: String(port) },
      stdio: ['ignore', log, log],
    },
  );
  closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  const cleanUp = () => rmSync(scratch, { recursive: true, force: true });
  try {
    await waitForHealth(base, () => child.exitCode !== null);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    const output = readFileSync(logFile, 'utf8').slice(-4000);
    cleanUp();
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  return {
    base,
    token: (sub, roles) => mintToken(SECRET, { sub, roles }),
    close: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
      cleanUp();
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

/** Polls GET /health until it answers 200: the seed and its re-evaluations run before the server listens. */
async function waitForHealth(base: string, exited: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited()) throw new Error('The bench server exited during start-up');
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The bench server did not become healthy within ${timeoutMs} ms`);
}
