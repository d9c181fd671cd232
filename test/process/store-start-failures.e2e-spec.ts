import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { postgresTestUrl } from '../../libs/infra/src/postgres/testing/postgres-test-database';
import { removeDir } from '../support/test-app';
import { buildServer, freePort, runCompiled } from '../support/server-process';

const SECRET = 'store-start-failures-secret-at-least-32-bytes';

/**
 * A server store that cannot be used stops the start: non-zero exit within seconds, one line naming the store
 * (without its password) and what went wrong, no stack trace, and never a silent fallback to the embedded store.
 */
describe('starting on a server store that cannot be used', () => {
  let dataDir: string;

  beforeAll(() => {
    buildServer();
    dataDir = mkdtempSync(path.join(tmpdir(), 'lcm-store-fail-'));
  }, 120_000);
  afterAll(() => removeDir(dataDir));

  async function startOn(eventStore: string, env: Record<string, string> = {}): Promise<{ code: number | null; output: string; ms: number }> {
    const started = Date.now();
    const running = runCompiled('main', { ...env, DATA_DIR: dataDir, PORT: String(await freePort()), JWT_SECRET: SECRET, EVENT_STORE: eventStore });
    const code = await running.exited;
    return { code, output: running.output(), ms: Date.now() - started };
  }

  function expectOneLineRefusal(result: { code: number | null; output: string; ms: number }, named: RegExp): void {
    expect(result.code).toBe(1);
    expect(result.output).toMatch(named);
    expect(result.output).not.toMatch(/^\s+at /m);
    expect(result.output).not.toMatch(/Listening on port/);
    expect(result.ms).toBeLessThan(15_000);
  }

  it('an unreachable PostgreSQL', async () => {
    const result = await startOn('postgres://lcm:s3cret@127.0.0.1:1/cases');
    expectOneLineRefusal(result, /The event store postgres:\/\/lcm:\*\*\*@127\.0\.0\.1:1\/cases is unavailable: .*ECONNREFUSED/);
    expect(result.output).not.toContain('s3cret');
  });

  it('an unreachable EventStoreDB', async () => {
    const result = await startOn('esdb://127.0.0.1:1?tls=false');
    expectOneLineRefusal(result, /The event store esdb:\/\/127\.0\.0\.1:1 is unavailable: .*ECONNREFUSED/);
  });

  // No EventStoreDB server here: the state store is checked first, so its line comes out whatever the log's server does.
  it('an unreachable STATE_STORE beside EventStoreDB', async () => {
    const result = await startOn('esdb://127.0.0.1:1?tls=false', { STATE_STORE: 'postgres://lcm:s3cret@127.0.0.1:1/state' });
    expectOneLineRefusal(result, /The state store \(STATE_STORE\) postgres:\/\/lcm:\*\*\*@127\.0\.0\.1:1\/state is unavailable: .*ECONNREFUSED/);
    expect(result.output).not.toContain('s3cret');
    expect(result.output).not.toMatch(/The event store/);
  });

  it('a STATE_STORE beside the embedded store (misconfigured)', async () => {
    const result = await startOn('sqlite', { STATE_STORE: 'postgres://lcm:s3cret@127.0.0.1:1/state' });
    expectOneLineRefusal(result, /STATE_STORE is only for EVENT_STORE=esdb:\/\/… \(EventStoreDB\)/);
    expect(result.output).not.toContain('s3cret');
  });

  const server = postgresTestUrl();
  const onPostgres = server === null ? it.skip : it;
  const on = (database: string, user = 'postgres') => {
    const url = new URL(server ?? 'postgres://postgres@127.0.0.1:5432/test');
    url.pathname = `/${database}`;
    url.username = user;
    return url.toString();
  };

  onPostgres('a PostgreSQL database that does not exist (misconfigured)', async () => {
    const result = await startOn(on('no_such_database_lcm'));
    expectOneLineRefusal(result, /is unavailable: database "no_such_database_lcm" does not exist \(3D000\)/);
  });

  onPostgres('a PostgreSQL role that may not log in (unauthorised)', async () => {
    const result = await startOn(on('test', 'no_such_role_lcm'));
    expectOneLineRefusal(result, /is unavailable: .*no_such_role_lcm.* \(28[0-9A-Z]{3}\)/);
  });

  onPostgres('a STATE_STORE database that does not exist (misconfigured)', async () => {
    const result = await startOn('esdb://127.0.0.1:1?tls=false', { STATE_STORE: on('no_such_state_lcm') });
    expectOneLineRefusal(result, /The state store \(STATE_STORE\) .* is unavailable: database "no_such_state_lcm" does not exist \(3D000\)/);
  });

  onPostgres('a STATE_STORE role that may not log in (unauthorised)', async () => {
    const result = await startOn('esdb://127.0.0.1:1?tls=false', { STATE_STORE: on('test', 'no_such_role_lcm') });
    expectOneLineRefusal(result, /The state store \(STATE_STORE\) .* is unavailable: .*no_such_role_lcm.* \(28[0-9A-Z]{3}\)/);
  });

  onPostgres('a STATE_STORE that answers, beside an unreachable EventStoreDB: the log\'s server is named next', async () => {
    const result = await startOn('esdb://127.0.0.1:1?tls=false', { STATE_STORE: on('test') });
    expectOneLineRefusal(result, /The event store esdb:\/\/127\.0\.0\.1:1 is unavailable: .*ECONNREFUSED/);
    expect(result.output).not.toMatch(/state store/);
  });
});
