/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS Jest global setup */
const { randomBytes } = require('node:crypto');
const { Client } = require('pg');

/**
 * Jest global setup: finds out once whether the PostgreSQL of the PostgreSQL suites answers, and tells every test
 * file through the environment (LCM_POSTGRES_TEST_URL set, or LCM_POSTGRES_SKIP_REASON). Without one, those
 * suites are registered as skipped, never as passed. REQUIRE_POSTGRES=1 (set by CI) turns a missing PostgreSQL
 * into a failed run instead.
 */
module.exports = async function postgresGlobalSetup() {
  // Names this run's test databases, so the global teardown drops every one of them (tools/jest-postgres-teardown.js).
  process.env.LCM_TEST_RUN_ID = randomBytes(4).toString('hex');
  const url = process.env.POSTGRES_TEST_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    process.env.LCM_POSTGRES_TEST_URL = url;
    delete process.env.LCM_POSTGRES_SKIP_REASON;
  } catch (error) {
    const reason = `PostgreSQL not reachable at ${url.replace(/:[^:@/]*@/, ':***@')} (${error.message})`;
    if (process.env.REQUIRE_POSTGRES === '1') throw new Error(`REQUIRE_POSTGRES=1 but ${reason}`);
    delete process.env.LCM_POSTGRES_TEST_URL;
    process.env.LCM_POSTGRES_SKIP_REASON = reason;
  } finally {
    await client.end().catch(() => undefined);
  }
};
