import type { Provider } from '@nestjs/common';
import type { Pool } from 'pg';
import { PostgresWorkerLeases, SqliteWorkerLeases, type WorkerLeases } from '@app/infra';
import { APP_CONFIG } from '../config/app-config.provider';
import { ConfigError, type AppConfig } from '../config/app-config';
import { idempotencyFile } from '../idempotency/idempotency.module';
import { POSTGRES_POOL } from '../postgres/postgres.providers';

export const WORKER_LEASES = Symbol('WORKER_LEASES');

/**
 * The leases the background workers take turns with (docs/decisions/0006-workers-take-turns-through-leases.md):
 * advisory locks when the API keeps its shared state in PostgreSQL (the log's database, or STATE_STORE beside
 * EventStoreDB), otherwise lease rows in a SQLite file of DATA_DIR, which every process of the machine opens.
 *
 * The rows go in the idempotency keys' file rather than a file of their own: like the keys they are operational
 * data every instance shares (not the record, which events.sqlite alone holds, nor derived data: the read-model
 * file is moved aside when damaged, which would leave the instances on two different lease tables), the file is
 * already checked at start-up and by `cli verify`, and losing it (moved aside) loses nothing a lease cannot take
 * back within its TTL.
 */
export const workerLeasesProvider: Provider = {
  provide: WORKER_LEASES,
  inject: [APP_CONFIG, POSTGRES_POOL],
  useFactory: (config: AppConfig, pool: Pool | null): WorkerLeases =>
    pool !== null ? new PostgresWorkerLeases(pool) : SqliteWorkerLeases.open(idempotencyFile(config), { ttlMs: leaseTtlMs() }),
};

/** `WORKER_LEASE_TTL_SECONDS` (default 10): how long a dead holder of a SQLite lease keeps the others waiting. */
export function leaseTtlMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.WORKER_LEASE_TTL_SECONDS;
  const seconds = raw === undefined || raw === '' ? 10 : Number(raw);
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 600) {
    throw new ConfigError(`WORKER_LEASE_TTL_SECONDS must be a number of seconds from 1 to 600, got ${raw}`);
  }
  return Math.round(seconds * 1000);
}
