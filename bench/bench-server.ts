import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mintToken } from '../apps/api/src/shared/auth/jwt';
import type { Role } from '../apps/api/src/shared/auth/roles';
import { startServerProcess, type ServerProcess } from './server-process';

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
 * as deployed (NODE_ENV=production: JSON logs at info, one line a request, kept for a failure's message). With
 * `BENCH_CPU_PROF=<dir>` it runs under `node --cpu-prof` and leaves its profile in that directory.
 */
export async function startBenchServer(name: string): Promise<BenchServer> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: compile first with npx tsc -p tsconfig.bench.json`);
  const scratch = mkdtempSync(path.join(tmpdir(), `lcm-bench-${name}-`));
  const dataDir = path.join(scratch, 'data');
  mkdirSync(dataDir);
  const cleanUp = () => rmSync(scratch, { recursive: true, force: true });
  const profileDir = process.env.BENCH_CPU_PROF;
  let server: ServerProcess;
  try {
    server = await startServerProcess(
      { NODE_ENV: 'production', LOG_LEVEL: 'info', DATA_DIR: dataDir, JWT_SECRET: SECRET },
      profileDir ? path.resolve(profileDir) : undefined,
    );
  } catch (error) {
    cleanUp();
    throw error;
  }
  return {
    base: server.base,
    token: (sub, roles) => mintToken(SECRET, { sub, roles }),
    close: async () => {
      await server.stop();
      cleanUp();
    },
  };
}
