import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../bench/server-process';
import { testStoreEnv } from './test-store';

const ROOT = path.resolve(__dirname, '..', '..');
const REGISTER_PATHS = path.join(ROOT, 'tools', 'register-paths.js');

/** Compiles the server exactly as `npm start` does (`tsc -b tsconfig.build.json`: skipped when nothing changed). */
export function buildServer(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'tsconfig.build.json'], {
    cwd: ROOT,
    stdio: 'pipe',
  });
}


export interface RunningProcess {
  readonly child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/** Runs a compiled entry point (`main.js` or `cli.js`) with the given environment. */
export function runCompiled(entry: 'main' | 'cli', env: Record<string, string>, args: string[] = []): RunningProcess {
  const script = path.join(ROOT, 'dist', 'apps', 'api', 'src', `${entry}.js`);
  const environment: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '', ...env };
  const child = spawn(process.execPath, ['-r', REGISTER_PATHS, script, ...args], { cwd: ROOT, env: environment });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Polls GET /health until it answers 200 (or the process dies, or the timeout passes). */
export async function waitForHealth(port: number, running: RunningProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (running.child.exitCode !== null) throw new Error(`server exited early:\n${running.output()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not become healthy:\n${running.output()}`);
}

/**
 * Starts the compiled server on a free port with `env` (PORT is chosen here), waits until it is healthy, and
 * records it in `children` so the spec can kill whatever is left. Answers the process and its base URL.
 */
export async function startCompiledServer(
  env: Record<string, string>,
  children: RunningProcess[],
): Promise<{ running: RunningProcess; base: string }> {
  const port = await freePort();
  const store = env.DATA_DIR !== undefined && env.EVENT_STORE === undefined ? await testStoreEnv(env.DATA_DIR) : {};
  const running = runCompiled('main', { ...store, ...env, PORT: String(port) });
  children.push(running);
  await waitForHealth(port, running, 60_000);
  return { running, base: `http://127.0.0.1:${port}` };
}

/**
 * Polls GET /health until the server is quiet: no re-evaluation run working or due (the seeded register's runs of a
 * fresh data directory finish shortly after start-up) and every projection caught up. A spec that takes the log's
 * head as its starting point waits for this first, so no start-up event lands after it.
 */
export async function waitForQuiet(base: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const health = (await (await fetch(`${base}/health`)).json()) as {
      reevaluation: { running: number; due: number } | null;
      projections: Array<{ caughtUp: boolean }>;
    };
    const quiet =
      health.reevaluation !== null && health.reevaluation.running === 0 && health.reevaluation.due === 0 && health.projections.every((p) => p.caughtUp);
    if (quiet) return;
    if (Date.now() > deadline) throw new Error(`server did not become quiet: ${JSON.stringify(health)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export { freePort };
