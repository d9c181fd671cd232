import { SECTION_126_1_CORRECTIONS, SECTION_126_1_SEED } from '@app/domain';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { anApplication, removeDir } from '../support/test-app';
import { buildServer, freePort, runCompiled, waitForHealth } from '../support/server-process';
import { itOnSqlite } from '../support/test-store';

const SECRET = 'process-test-secret-at-least-32-bytes!!';

/** The compiled server as `npm start` runs it, in a child process. */
describe('the server process', () => {
  let dataDir: string;

  beforeAll(() => {
    buildServer();
    dataDir = mkdtempSync(path.join(tmpdir(), 'lcm-process-'));
  }, 120_000);
  afterAll(() => removeDir(dataDir));

  it('refuses to start in production without JWT_SECRET', async () => {
    const running = runCompiled('main', { NODE_ENV: 'production', DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(await running.exited).toBe(1);
    expect(running.output()).toContain('JWT_SECRET is required when NODE_ENV=production');
  });

  it('refuses to start, with a clear message, when EVENT_STORE names no store this release has', async () => {
    const running = runCompiled('main', { DATA_DIR: dataDir, PORT: String(await freePort()), JWT_SECRET: SECRET, EVENT_STORE: 'mysql://u:pw@localhost/cases' });
    expect(await running.exited).toBe(1);
    expect(running.output()).toContain('EVENT_STORE must be "sqlite", a postgres:// or an esdb:// (kurrentdb://) connection string, got mysql://u:***@localhost/cases');
  });

  itOnSqlite('refuses to start with one line, and no stack trace, naming a damaged events.sqlite and what to do', 'it damages events.sqlite', async () => {
    const damagedDir = mkdtempSync(path.join(tmpdir(), 'lcm-damaged-'));
    try {
      writeFileSync(path.join(damagedDir, 'events.sqlite'), 'not a database at all'.repeat(300));
      const running = runCompiled('main', { DATA_DIR: damagedDir, PORT: String(await freePort()), JWT_SECRET: SECRET });
      expect(await running.exited).toBe(1);
      expect(running.output()).toMatch(/events\.sqlite is damaged \(file is not a database\): restore it from a backup/);
      expect(running.output()).not.toMatch(/^\s+at /m);
    } finally {
      removeDir(damagedDir);
    }
  });

  it('serves with a token minted by the token command, stops on SIGTERM, and keeps the case across a restart', async () => {
    const port = await freePort();
    const env = { NODE_ENV: 'production', DATA_DIR: dataDir, PORT: String(port), JWT_SECRET: SECRET };
    const minted = runCompiled('cli', { JWT_SECRET: SECRET }, ['token', '--sub', 'alice', '--roles', 'intake,auditor']);
    expect(await minted.exited).toBe(0);
    const token = minted.output().trim();
    expect(jwt.verify(token, SECRET, { algorithms: ['HS256'] })).toMatchObject({ sub: 'alice', roles: ['intake', 'auditor'] });

    const first = runCompiled('main', env);
    await waitForHealth(port, first);
    const created = await fetch(`http://127.0.0.1:${port}/applications`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(anApplication()),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    first.child.kill('SIGTERM');
    // Nest's shutdown hooks close the app (and the store), then re-raise the signal.
    expect(await first.exited).toBeNull();
    expect(first.child.signalCode).toBe('SIGTERM');

    const second = runCompiled('main', env);
    try {
      await waitForHealth(port, second);
      const read = await fetch(`http://127.0.0.1:${port}/applications/${id}`, { headers: { Authorization: `Bearer ${token}` } });
      expect(read.status).toBe(200);
      expect(((await read.json()) as { reviewTrack: string }).reviewTrack).toBe('case-by-case');
      // The sourced history and its corrections (docs/regulatory-fidelity.md): nothing appended on a second start.
      expect(second.output()).toContain(`0 appended, ${SECTION_126_1_SEED.length + SECTION_126_1_CORRECTIONS.length} already present`);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  }, 60_000);

  it('rejects unknown roles in the token command', async () => {
    const minted = runCompiled('cli', { JWT_SECRET: SECRET }, ['token', '--sub', 'alice', '--roles', 'admin']);
    expect(await minted.exited).toBe(2);
    expect(minted.output()).toContain('Unknown roles: admin');
  });
});
