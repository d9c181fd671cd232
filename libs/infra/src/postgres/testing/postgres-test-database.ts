import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * PostgreSQL for tests: whether it is there (decided once per run by tools/jest-postgres-setup.js), and a fresh
 * database per suite, so suites never see each other's rows and can run in any order.
 */

/** The server's maintenance database URL, or `null` when the PostgreSQL suites are skipped. */
export function postgresTestUrl(): string | null {
  return process.env.LCM_POSTGRES_TEST_URL ?? null;
}

/** Why the PostgreSQL suites are skipped (shown in the skipped suite's title). */
export function postgresSkipReason(): string {
  return process.env.LCM_POSTGRES_SKIP_REASON ?? 'PostgreSQL not configured';
}

export interface TestDatabase {
  /** Connection string of the new, empty database. */
  readonly url: string;
  readonly name: string;
  /** Drops it, closing whatever connections are left. */
  drop(): Promise<void>;
}

async function onServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const url = postgresTestUrl();
  if (url === null) throw new Error(`No PostgreSQL for this test: ${postgresSkipReason()}`);
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database on the test server. */
export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  // The run id lets the global teardown drop whatever a failed suite left behind (tools/jest-postgres-teardown.js).
  const run = process.env.LCM_TEST_RUN_ID ?? 'norun';
  const name = `lcm_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase().slice(0, 24)}_${run}_${randomBytes(5).toString('hex')}`;
  await onServer((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(postgresTestUrl() as string);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => onServer((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * `describe` when the test PostgreSQL answers, otherwise `describe.skip` with the reason in the title: the suite
 * then shows as skipped, never as passed. `database()` is a fresh database created before the suite's tests and
 * dropped after them.
 */
export function describeWithPostgres(name: string, body: (database: () => TestDatabase) => void): void {
  if (postgresTestUrl() === null) {
    describe.skip(`${name} [skipped: ${postgresSkipReason()}]`, () => body(() => {
      throw new Error('skipped');
    }));
    return;
  }
  describe(name, () => {
    let current: TestDatabase | null = null;
    beforeAll(async () => {
      current = await createTestDatabase(name);
    });
    afterAll(async () => {
      await current?.drop();
    });
    body(() => {
      if (current === null) throw new Error('The test database is created in beforeAll');
      return current;
    });
  });
}
