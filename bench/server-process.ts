import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

/** dist/bench → the repository root. */
const ROOT = path.resolve(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');

export interface ServerProcess {
  readonly base: string;
  readonly pid: number;
  /** What the server wrote (for a failure's message). */
  output(): string;
  /** The process's peak resident set (VmHWM), in bytes. */
  peakRss(): number;
  /** Resets the peak resident set to the current one (Linux: `5` to /proc/<pid>/clear_refs). */
  resetPeakRss(): boolean;
  /** SIGTERM, then waits for the exit (a CPU profile is written then). */
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts the compiled server (`npm start` without the build) as a process of its own, quiet (LOG_LEVEL=warn), and
 * resolves once it listens. `cpuProfileDir` adds `--cpu-prof` (the profile is written when it stops).
 */
export async function startServerProcess(env: Record<string, string>, cpuProfileDir?: string): Promise<ServerProcess> {
  const port = await freePort();
  const profile = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, '-r', path.join(ROOT, 'tools', 'register-paths.js'), MAIN], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', LOG_FORMAT: 'json', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited while starting:\n${output}`);
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      // not listening yet: it catches its read models up before it listens
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const status = () => readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return {
    base,
    pid: child.pid!,
    output: () => output,
    peakRss: () => Number(/VmHWM:\s+(\d+) kB/.exec(status())?.[1] ?? 0) * 1024,
    resetPeakRss: () => {
      try {
        writeFileSync(`/proc/${child.pid}/clear_refs`, '5');
        return true;
      } catch {
        return false;
      }
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
