import type { Pool, PoolClient } from 'pg';
import { describePostgresError, isConnectionFailure } from '../../postgres/postgres-pool';
import { StoreUnavailableError } from '../event-store.errors';

/** Clients that already carry the store's 'error' listener (one each, however often they are checked out). */
const guarded = new WeakSet<PoolClient>();

/**
 * How the store talks to its pool: every unit of work runs on one pooled connection, in a transaction when it
 * writes, and a lost server or connection comes out as {@link StoreUnavailableError} (the API answers 503).
 *
 * A connection that breaks while in use is destroyed and the work runs once more on another: a pooled connection
 * can die while idle (server restart, `pg_terminate_backend`) without the pool having noticed yet, and that should
 * not cost the caller an error. Running again is safe because every unit of work is idempotent: reads trivially,
 * appends by event id (an append whose COMMIT was lost in flight is answered its original result on the second
 * run), import pages by finding the whole page already stored on the second run. A connection that cannot be
 * opened at all is not retried: the server is down, and the caller hears so within the pool's connect timeout.
 */
export class PostgresSession {
  private ended = false;

  /**
   * @param lockTimeoutMs how long a transaction waits for a lock (the log head, while another writer holds it)
   *   before giving up as unavailable: a transaction left open elsewhere must not hang every append for ever.
   */
  constructor(
    private readonly pool: Pool,
    /** Names the store in errors, without credentials. */
    readonly storeName: string,
    private readonly lockTimeoutMs: number,
  ) {
    if (!Number.isSafeInteger(lockTimeoutMs) || lockTimeoutMs < 1) {
      throw new RangeError(`lockTimeoutMs must be a positive integer, got ${String(lockTimeoutMs)}`);
    }
  }

  /** Runs `work` on one connection, outside a transaction (a single statement is its own snapshot). */
  read<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    return this.run(work, false);
  }

  /** Runs `work` in one transaction (READ COMMITTED, the default: see the head lock in the schema's notes). */
  transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    return this.run(work, true);
  }

  /** Ends the pool (only for a pool the store opened itself). */
  async end(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.pool.end();
  }

  private async run<T>(work: (client: PoolClient) => Promise<T>, transactional: boolean): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      const client = await this.checkout();
      try {
        // One round trip: a simple query may hold several statements.
        if (transactional) await client.query(`BEGIN; SET LOCAL lock_timeout = ${this.lockTimeoutMs}`);
        const result = await work(client);
        if (transactional) await client.query('COMMIT');
        client.release();
        return result;
      } catch (error) {
        if (isConnectionFailure(error)) {
          client.release(true);
          if (attempt === 1) continue;
          throw this.unavailable(error);
        }
        await this.abandon(client, transactional);
        if (isLockTimeout(error)) {
          throw new StoreUnavailableError(this.storeName, `the log stayed locked: ${describePostgresError(error)}`);
        }
        throw error;
      }
    }
  }

  private async checkout(): Promise<PoolClient> {
    try {
      const client = await this.pool.connect();
      // The pool listens for errors only on idle clients; a checked-out one whose socket dies also emits 'error'
      // (besides failing its query), which would crash the process unheard. The query's rejection reports it.
      if (!guarded.has(client)) {
        client.on('error', () => undefined);
        guarded.add(client);
      }
      return client;
    } catch (error) {
      // A closed pool is a programming error, not an outage: say so plainly.
      if (error instanceof Error && /after calling end on the pool/.test(error.message)) throw error;
      throw this.unavailable(error);
    }
  }

  /** Rolls back after a statement error; a connection that cannot even roll back is destroyed, not reused. */
  private async abandon(client: PoolClient, transactional: boolean): Promise<void> {
    if (!transactional) {
      client.release();
      return;
    }
    try {
      await client.query('ROLLBACK');
      client.release();
    } catch {
      client.release(true);
    }
  }

  private unavailable(error: unknown): StoreUnavailableError {
    return new StoreUnavailableError(this.storeName, describePostgresError(error));
  }
}

/** PostgreSQL's lock_not_available: `lock_timeout` expired (the transaction was rolled back, nothing written). */
function isLockTimeout(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '55P03';
}
