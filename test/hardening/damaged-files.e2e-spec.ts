import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Logger } from '@nestjs/common';
import { verifyCommand } from '../../apps/api/src/audit/cli/verify.command';
import { ConfigError } from '../../apps/api/src/shared/config/app-config';
import { officeTokens, submitCase } from '../support/case-actions';
import { removeDir, startTestApp, type TestApp } from '../support/test-app';
import { describeOnSqlite } from '../support/test-store';

const NOW = '2025-11-10T12:00:00.000Z';

/** Overwrites part of a page in the middle of a SQLite file: its header stays sound, one table's page is not. */
function damageAPage(file: string): void {
  const pages = statSync(file).size / 4096;
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(2000, 0xab), 0, 2000, Math.floor(pages / 2) * 4096 + 8);
  } finally {
    closeSync(fd);
  }
}

/** `npm run cli -- verify`: the files' lines go to stderr (stdout holds the chain report's JSON). */
async function verify(dataDir: string): Promise<{ code: number; output: string }> {
  let output = '';
  const code = await verifyCommand(['--data-dir', dataDir], {
    env: {},
    stdout: { write: () => true },
    stderr: { write: (text: string) => Boolean((output += text)) },
  });
  return { code, output };
}

/**
 * Damaged data files, as an operator finds them after a disk fault or a bad copy: one clear line naming the file
 * and what to do, a read-model file rebuilt, a damaged event log reported by /health and by `verify`.
 */
describeOnSqlite('damaged data files', 'it damages the SQLite data files', () => {
  let dataDir: string;
  let t: TestApp | null = null;
  let errors: string[];
  let warnings: string[];

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'lcm-damaged-'));
    errors = [];
    warnings = [];
    jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => void errors.push(String(message)));
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));
  });
  afterEach(async () => {
    await t?.close();
    t = null;
    jest.restoreAllMocks();
    removeDir(dataDir);
  });

  /** A data directory with a few cases in it, the server stopped (so the WAL is folded into the files). */
  async function aDataDirWithCases(): Promise<string[]> {
    const app = await startTestApp({ dataDir, now: NOW });
    const tokens = officeTokens(app);
    const ids = [await submitCase(app, tokens), await submitCase(app, tokens)];
    await app.close();
    return ids;
  }

  it('a sound directory verifies clean', async () => {
    await aDataDirWithCases();
    const { code, output } = await verify(dataDir);
    expect(code).toBe(0);
    expect(output.trim().split('\n').slice(0, 4)).toEqual([
      `${path.join(dataDir, 'events.sqlite')}: ok`,
      `${path.join(dataDir, 'read-models.sqlite')}: ok`,
      `${path.join(dataDir, 'idempotency.sqlite')}: ok`,
      `${path.join(dataDir, 'subscriptions.sqlite')}: ok`,
    ]);
  });

  it('an events.sqlite that is not a database stops the start with one line naming it', async () => {
    writeFileSync(path.join(dataDir, 'events.sqlite'), 'not a database'.repeat(500));
    const failure = startTestApp({ dataDir, now: NOW });
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    const message = ((await failure.catch((error: unknown) => error)) as Error).message;
    expect(message).toMatch(/events\.sqlite is damaged \(file is not a database\): restore it from a backup/);
    expect(message).not.toContain('\n');
  });

  it('a damaged page in events.sqlite: logged once at start, /health answers 503, verify names it', async () => {
    await aDataDirWithCases();
    damageAPage(path.join(dataDir, 'events.sqlite'));
    t = await startTestApp({ dataDir, now: NOW });
    const lines = errors.filter((line) => line.includes('failed its integrity check'));
    expect(lines).toEqual([expect.stringMatching(/events\.sqlite failed its integrity check at start \(.+\): restore it from a backup/)]);
    expect(lines[0]).not.toContain('\n');
    const health = await t.http.get('/health').expect(503);
    expect(health.body).toMatchObject({ status: 'unavailable', eventStore: { status: 'down' } });
    expect(health.body.eventStore.error).toMatch(/integrity check/);
    const { code, output } = await verify(dataDir);
    expect(code).toBe(1);
    expect(output).toMatch(/events\.sqlite: DAMAGED \(.+\): restore it from a backup/);
  });

  it('a damaged read-models.sqlite is moved aside and rebuilt from the log, with a warning', async () => {
    const ids = await aDataDirWithCases();
    writeFileSync(path.join(dataDir, 'read-models.sqlite'), 'not a database'.repeat(500));
    t = await startTestApp({ dataDir, now: NOW });
    expect(warnings).toContainEqual(expect.stringMatching(/read-models\.sqlite is damaged: .*moved aside to .*rebuilt from the event log/));
    expect(readdirSync(dataDir).some((name) => name.startsWith('read-models.sqlite.damaged-'))).toBe(true);
    const list = await t.http.get('/applications').set('Authorization', `Bearer ${t.token(['auditor'])}`).expect(200);
    expect((list.body.items as Array<{ id: string }>).map((item) => item.id).sort()).toEqual([...ids].sort());
  });

  it('a damaged idempotency.sqlite stops the start with one line naming it and what to do', async () => {
    await aDataDirWithCases();
    writeFileSync(path.join(dataDir, 'idempotency.sqlite'), 'not a database'.repeat(500));
    const failure = (await startTestApp({ dataDir, now: NOW }).catch((error: unknown) => error)) as Error;
    expect(failure).toBeInstanceOf(ConfigError);
    expect(failure.message).toMatch(/idempotency\.sqlite is damaged \(file is not a database\): restore it from a backup, or move it aside/);
    expect((await verify(dataDir)).output).toMatch(/idempotency\.sqlite: DAMAGED/);
    expect(existsSync(path.join(dataDir, 'events.sqlite'))).toBe(true);
  });

  it('a damaged subscriptions.sqlite stops the start with one line: the log cannot rebuild subscriptions', async () => {
    await aDataDirWithCases();
    writeFileSync(path.join(dataDir, 'subscriptions.sqlite'), 'not a database'.repeat(500));
    const failure = (await startTestApp({ dataDir, now: NOW }).catch((error: unknown) => error)) as Error;
    expect(failure).toBeInstanceOf(ConfigError);
    expect(failure.message).toMatch(/subscriptions\.sqlite is damaged \(file is not a database\): restore it from a backup, or move it aside/);
    expect(failure.message).not.toContain('\n');
    const { code, output } = await verify(dataDir);
    expect(output).toMatch(/subscriptions\.sqlite: DAMAGED .*not in the event log/);
    expect(code).toBe(1);
  });
});
