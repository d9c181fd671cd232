/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS Jest global teardown */
const { Client } = require('pg');

/** Jest global teardown: drops the test databases this run created and did not drop (a suite that failed early). */
module.exports = async function postgresGlobalTeardown() {
  const url = process.env.LCM_POSTGRES_TEST_URL;
  const run = process.env.LCM_TEST_RUN_ID;
  if (!url || !run) return;
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const { rows } = await client.query("SELECT datname FROM pg_database WHERE datname LIKE $1", [`lcm\\_%\\_${run}\\_%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } catch {
    // Best effort: a left-over database holds test data only.
  } finally {
    await client.end().catch(() => undefined);
  }
};
