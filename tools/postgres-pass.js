/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS script run by npm */
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const probe = require('./jest-postgres-setup');

/**
 * `npm run test:postgres`: the second pass of the e2e suites, on PostgreSQL (TEST_EVENT_STORE=postgres; each data
 * directory gets its own database). Arguments are passed to Jest (default: the suites listed below). Without a
 * PostgreSQL the pass is reported as SKIPPED, never as passed; with REQUIRE_POSTGRES=1 (CI) it fails instead.
 */
// Not listed, as the main pass runs them on PostgreSQL already: test/multi-instance (its PostgreSQL scenario), and
// the idempotency keys and webhook subscriptions (their behaviour suites on PostgreSQL, several instances racing).
const DEFAULT_SUITES = ['test/reevaluation', 'test/audit', 'test/read-models', 'test/lifecycle', 'test/operations/store-outage'];

async function main() {
  await probe();
  if (!process.env.LCM_POSTGRES_TEST_URL) {
    console.log(`\nPostgreSQL pass SKIPPED: ${process.env.LCM_POSTGRES_SKIP_REASON}\n`);
    return 0;
  }
  const args = process.argv.slice(2);
  const jest = path.join(__dirname, '..', 'node_modules', 'jest', 'bin', 'jest.js');
  const result = spawnSync(
    process.execPath,
    [jest, '--selectProjects', 'e2e', '--runInBand', '--randomize', '--showSeed', ...(args.length > 0 ? args : DEFAULT_SUITES)],
    { stdio: 'inherit', env: { ...process.env, TEST_EVENT_STORE: 'postgres' } },
  );
  return result.status ?? 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error.message);
    process.exit(1);
  },
);
