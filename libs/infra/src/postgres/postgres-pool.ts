import { Pool, type PoolClient, type PoolConfig } from 'pg';
import { StoreUnavailableError } from '../event-store/event-store.errors';

/** How long a connection attempt may take before the store counts as unreachable (fail fast, never hang). */
export const POSTGRES_CONNECT_TIMEOUT_MS = 5_000;

export interface PostgresPoolOptions {
  /** Shown in `pg_stat_activity`, so an operator can tell the API's connections apart. */
  readonly applicationName?: string;
  /** Connections in the pool. Default 10. */
  readonly max?: number;
}

/** A PostgreSQL connection string (`postgres://` or `postgresql://`). */
export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//.test(value);
}

/** The URL without its password, to name the store in logs and errors. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.includes('@') ? '<unparseable connection string>' : url;
  }
}

/**
 * Opens a pool on `url` and checks that it answers (SELECT 1), so a wrong host, database, user or password fails at
 * start-up with a {@link StoreUnavailableError} naming the store, within {@link POSTGRES_CONNECT_TIMEOUT_MS}.
 * An idle connection that dies (server restart, `pg_terminate_backend`) is dropped from the pool, not thrown: the
 * next query opens a new one.
 */
export async function openPostgresPool(url: string, options: PostgresPoolOptions = {}): Promise<Pool> {
  const config: PoolConfig = {
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: POSTGRES_CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    application_name: options.applicationName ?? 'licence-case-manager',
  };
  const pool = new Pool(config);
  pool.on('error', () => undefined); // an idle client lost: the pool replaces it on the next checkout
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new StoreUnavailableError(redactUrl(url), describePostgresError(error));
  }
  return pool;
}

/** One line saying why PostgreSQL refused or failed, for the operator. */
export function describePostgresError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code !== '' ? `${error.message} (${code})` : error.message;
}

/**
 * Whether a driver error means the server could not be reached or the connection was lost (as opposed to an
 * error of the statement): the caller then answers 503 and retries later.
 */
export function isConnectionFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    // Node socket errors, and PostgreSQL's class 08 (connection exception) and 57P0x (operator intervention).
    if (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH)$/.test(code)) return true;
    if (code.startsWith('08') || /^57P0[1-3]$/.test(code)) return true;
  }
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    message,
  );
}

/** Pooled clients given an 'error' listener (once each: the pool reuses them). */
const guarded = new WeakSet<PoolClient>();

/** Runs `work` in one transaction on one pooled connection; rolls back on a throw. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // The pool listens for errors only on idle clients; a checked-out one whose socket dies between two queries
  // emits 'error', which would crash the process unheard. The next query's rejection reports it.
  if (!guarded.has(client)) {
    client.on('error', () => undefined);
    guarded.add(client);
  }
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    broken = isConnectionFailure(error);
    if (!broken) await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release(broken ? true : undefined);
  }
}
