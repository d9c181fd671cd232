import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { isConnectionFailure } from '../postgres/postgres-pool';
import { newLeaseInstanceId, type WorkerLeases } from './worker-leases.port';

/**
 * The first key of every worker lease's advisory lock ("LCML"); the second is `hashtext(name)`. PostgreSQL keeps
 * two-key advisory locks apart from one-key ones (such as the migrations' lock), so no lease can collide with them.
 */
export const WORKER_LEASE_LOCK_SPACE = 0x4c434d4c;

/** How often a holder checks that its connection (and so its locks) is still alive. */
const CHECK_EVERY_MS = 2_000;
/** A lease query that takes longer means the connection is not usable: it is dropped and the leases with it. */
const QUERY_TIMEOUT_MS = 5_000;

export interface PostgresWorkerLeasesOptions {
  readonly instanceId?: string;
}

/**
 * Leases as session-level advisory locks held on ONE connection kept out of the pool. PostgreSQL frees a session's
 * locks the moment its connection ends, so a holder killed with `kill -9` (its socket closed by the kernel) or
 * whose backend is terminated frees its leases at once: the next `hold` elsewhere takes them. When this instance's
 * connection dies it holds nothing until a new connection takes the locks again (if nobody else took them first).
 *
 * Session locks stack (taking one twice needs two unlocks), so a name this instance holds is only checked (the
 * connection answers), never locked again; calls are serialised on the connection.
 */
export class PostgresWorkerLeases implements WorkerLeases {
  readonly instanceId: string;
  readonly renewEveryMs = CHECK_EVERY_MS;
  private client: PoolClient | null = null;
  private readonly held = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly pool: Pool,
    options: PostgresWorkerLeasesOptions = {},
  ) {
    this.instanceId = options.instanceId ?? newLeaseInstanceId();
  }

  hold(name: string): Promise<boolean> {
    return this.serialised(async () => {
      if (this.closed) return false;
      const client = await this.connection();
      if (client === null) return false;
      try {
        if (this.held.has(name)) {
          await timed(client, 'SELECT 1');
          return this.client === client && this.held.has(name);
        }
        const rows = await timed<{ locked: boolean }>(client, 'SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', [
          WORKER_LEASE_LOCK_SPACE,
          name,
        ]);
        if (rows[0]?.locked === true) this.held.add(name);
        return rows[0]?.locked === true;
      } catch (error) {
        if (!isLostConnection(error)) throw error;
        this.drop(client);
        return false;
      }
    });
  }

  release(name: string): Promise<void> {
    return this.serialised(async () => {
      const client = this.client;
      if (client === null || !this.held.delete(name)) return;
      await timed(client, 'SELECT pg_advisory_unlock($1, hashtext($2))', [WORKER_LEASE_LOCK_SPACE, name]).catch((error: unknown) => {
        if (!isLostConnection(error)) throw error;
        this.drop(client); // the locks went with the connection
      });
    });
  }

  releaseAll(): Promise<void> {
    return this.serialised(async () => {
      const client = this.client;
      if (client === null) return;
      this.held.clear();
      this.client = null;
      try {
        await timed(client, 'SELECT pg_advisory_unlock_all()');
        client.off('error', this.onConnectionError);
        client.release();
      } catch {
        client.off('error', this.onConnectionError);
        client.release(true); // closing the connection frees whatever it still held
      }
    });
  }

  async close(): Promise<void> {
    await this.releaseAll();
    this.closed = true;
  }

  /** The kept connection, taken from the pool when there is none; null when the server cannot be reached. */
  private async connection(): Promise<PoolClient | null> {
    if (this.client !== null) return this.client;
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      if (isLostConnection(error)) return null;
      throw error;
    }
    // A kept connection that dies (server restart, pg_terminate_backend) emits 'error': without a listener that
    // would crash the process; with it, the leases are simply no longer held.
    client.on('error', this.onConnectionError);
    this.client = client;
    return client;
  }

  private readonly onConnectionError = (): void => {
    if (this.client !== null) this.drop(this.client);
  };

  private drop(client: PoolClient): void {
    if (this.client !== client) return;
    this.client = null;
    this.held.clear();
    client.off('error', this.onConnectionError);
    client.release(true);
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.catch(() => undefined).then(work);
    this.queue = next;
    return next;
  }
}

class LeaseQueryTimeout extends Error {}

/** A query on the kept connection, given up after {@link QUERY_TIMEOUT_MS} (the caller then drops the connection). */
async function timed<R extends QueryResultRow>(client: PoolClient, text: string, values: unknown[] = []): Promise<R[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LeaseQueryTimeout(`A lease query took over ${QUERY_TIMEOUT_MS} ms`)), QUERY_TIMEOUT_MS);
  });
  try {
    return (await Promise.race([client.query<R>(text, values), timeout])).rows;
  } finally {
    clearTimeout(timer);
  }
}

function isLostConnection(error: unknown): boolean {
  return error instanceof LeaseQueryTimeout || isConnectionFailure(error) || (error instanceof Error && /not queryable|Client was closed/i.test(error.message));
}
