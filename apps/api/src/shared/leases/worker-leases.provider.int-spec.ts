import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FactoryProvider } from '@nestjs/common';
import Database from 'better-sqlite3';
import { openPostgresPool, PostgresWorkerLeases, SqliteWorkerLeases, type WorkerLeases } from '@app/infra';
import { describeWithPostgres } from '@app/infra/postgres/testing/postgres-test-database';
import { loadConfig } from '../config/app-config';
import { workerLeasesProvider } from './worker-leases.provider';

const build = (workerLeasesProvider as FactoryProvider<WorkerLeases>).useFactory;

describe('the worker leases of an API without PostgreSQL', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'lcm-lease-provider-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('are rows in the idempotency file of DATA_DIR, shared by every process on the directory', async () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    const [first, second] = [(await build(config, null)) as WorkerLeases, (await build(config, null)) as WorkerLeases];
    try {
      expect(first).toBeInstanceOf(SqliteWorkerLeases);
      expect(await first.hold('reevaluation')).toBe(true);
      expect(await second.hold('reevaluation')).toBe(false);
      const db = new Database(path.join(dataDir, 'idempotency.sqlite'), { readonly: true });
      expect(db.prepare('SELECT name, owner FROM worker_leases').all()).toEqual([{ name: 'reevaluation', owner: first.instanceId }]);
      db.close();
    } finally {
      await first.close();
      await second.close();
    }
  });
});

describeWithPostgres('the worker leases of an API on PostgreSQL', (database) => {
  it('are advisory locks taken through the API pool', async () => {
    const pool = await openPostgresPool(database().url, { max: 2 });
    const config = loadConfig({ DATA_DIR: path.join(tmpdir(), 'lcm-unused-data-dir'), EVENT_STORE: database().url });
    const leases = (await build(config, pool)) as WorkerLeases;
    try {
      expect(leases).toBeInstanceOf(PostgresWorkerLeases);
      expect(await leases.hold('audit-seal')).toBe(true);
      const { rows } = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted");
      expect(rows).toEqual([{ n: 1 }]);
    } finally {
      await leases.close();
      await pool.end();
    }
  });
});
