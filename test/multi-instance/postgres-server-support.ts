import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { postgresSkipReason, postgresTestUrl } from '../../libs/infra/src/postgres/testing/postgres-test-database';
import { buildServer } from '../support/server-process';

const ROOT = path.resolve(__dirname, '..', '..');

export type PostgresServerSupport = { readonly supported: true } | { readonly supported: false; readonly reason: string };

/**
 * Whether this build's server runs on PostgreSQL (EVENT_STORE=postgres://…): decided while Jest loads the spec (a
 * suite is registered as run or skipped then), by starting the compiled server on a fresh database and waiting for
 * it to answer GET /health, or to exit (e.g. "EVENT_STORE must be …", or an adapter not part of the build), in a
 * child process. The database is dropped afterwards.
 */
export function postgresServerSupport(): PostgresServerSupport {
  const url = postgresTestUrl();
  if (url === null) return { supported: false, reason: postgresSkipReason() };
  buildServer();
  const probe = spawnSync(process.execPath, ['-e', PROBE], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PROBE_URL: url },
    encoding: 'utf8',
    timeout: 90_000,
  });
  try {
    return JSON.parse(probe.stdout.trim().split('\n').at(-1) ?? '') as PostgresServerSupport;
  } catch {
    return { supported: false, reason: `the PostgreSQL probe failed: ${(probe.stderr || probe.stdout || String(probe.error)).trim().slice(0, 300)}` };
  }
}

/** The probe, run by `node -e` from the repository root (plain CommonJS: no TypeScript in a child process). */
const PROBE = String.raw`
const { spawn } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { Client } = require('pg');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const freePort = () => new Promise((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
});

(async () => {
  const admin = new Client({ connectionString: process.env.PROBE_URL, connectionTimeoutMillis: 5000 });
  await admin.connect();
  const name = 'lcm_probe_' + process.pid + '_' + Date.now();
  await admin.query('CREATE DATABASE ' + name);
  const url = new URL(process.env.PROBE_URL);
  url.pathname = '/' + name;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lcm-pg-probe-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', 'tools/register-paths.js', 'dist/apps/api/src/main.js'], {
    env: { PATH: process.env.PATH, EVENT_STORE: url.toString(), DATA_DIR: dataDir, PORT: String(port), JWT_SECRET: 'postgres-probe-secret-at-least-32-bytes!!', LOG_LEVEL: 'warn' },
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  let verdict = null;
  const deadline = Date.now() + 60000;
  while (verdict === null) {
    if (child.exitCode !== null) {
      // The line saying why (a refused EVENT_STORE, an adapter not in this build), not the stack trace after it.
      const lines = output.trim().split('\n').filter((line) => line.trim() !== '');
      const why = lines.find((line) => line.includes('EVENT_STORE')) || lines.find((line) => /Error/.test(line)) || lines.at(-1) || 'no output';
      verdict = { supported: false, reason: 'the server exits on PostgreSQL: ' + why.trim().slice(0, 300) };
      break;
    }
    try {
      if ((await fetch('http://127.0.0.1:' + port + '/health')).ok) verdict = { supported: true };
    } catch {}
    if (verdict === null && Date.now() > deadline) verdict = { supported: false, reason: 'the server did not answer on PostgreSQL within 60 s' };
    await sleep(200);
  }
  if (child.exitCode === null) {
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
  }
  await admin.query('DROP DATABASE IF EXISTS ' + name + ' WITH (FORCE)');
  await admin.end();
  rmSync(dataDir, { recursive: true, force: true });
  process.stdout.write(JSON.stringify(verdict) + '\n');
})().catch((error) => {
  process.stdout.write(JSON.stringify({ supported: false, reason: 'the PostgreSQL probe failed: ' + error.message }) + '\n');
});
`;
