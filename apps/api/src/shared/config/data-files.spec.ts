import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from './app-config';
import { checkDataFiles } from './data-files';

const ESDB = 'esdb://kurrentdb:2113?tls=false';
const STATE = 'postgres://lcm@state:5432/lcm_state';

/** Which stores read the idempotency and subscriptions files of DATA_DIR, and so check them at start. */
describe('checkDataFiles and the state files of DATA_DIR', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'lcm-data-files-'));
    writeFileSync(path.join(dataDir, 'idempotency.sqlite'), 'not a database'.repeat(500));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it.each([
    ['the embedded store', {}],
    ['EventStoreDB without a STATE_STORE', { EVENT_STORE: ESDB }],
  ])('on %s: a damaged idempotency.sqlite stops the start', (_store, env) => {
    expect(() => checkDataFiles(loadConfig({ ...env, DATA_DIR: dataDir }))).toThrow(/idempotency\.sqlite is damaged/);
  });

  it.each([
    ['EventStoreDB with a STATE_STORE', { EVENT_STORE: ESDB, STATE_STORE: STATE }],
    ['PostgreSQL', { EVENT_STORE: STATE }],
  ])('on %s: the file is not used, so not checked', (_store, env) => {
    expect(() => checkDataFiles(loadConfig({ ...env, DATA_DIR: dataDir }))).not.toThrow();
  });
});
