import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { applyPostgresMigrations } from '../../postgres/postgres-migrations';
import { storeUnavailableOr } from '../../postgres/postgres-errors';
import { inTransaction, redactUrl } from '../../postgres/postgres-pool';
import { assertLease, decideClaim } from '../idempotency-claim-rules';
import {
  DEFAULT_IDEMPOTENCY_LEASE_MS,
  type ClaimOutcome,
  type ClaimRequest,
  type IdempotencyClaim,
  type IdempotencyKeyRef,
  type IdempotencyRecord,
  type IdempotencyStore,
  type IdempotencyStoreOptions,
  type StoredResponse,
} from '../idempotency-store.port';
import { IDEMPOTENCY_COMPONENT, POSTGRES_IDEMPOTENCY_MIGRATIONS } from './postgres-idempotency-store.schema';

/** An `idempotency_keys` row as `pg` returns it (timestamptz as Date, jsonb parsed). */
interface Row {
  readonly principal: string;
  readonly scope: string;
  readonly idempotency_key: string;
  readonly fingerprint: string;
  readonly state: 'in-flight' | 'completed';
  readonly claim_token: string;
  readonly claimed_at: Date;
  readonly response_status: number | null;
  readonly response_headers: Record<string, string> | null;
  readonly response_body: string | null;
  readonly completed_at: Date | null;
}

const KEY = 'principal = $1 AND scope = $2 AND idempotency_key = $3';

/**
 * How often a claim re-reads the key after losing a race (another instance inserted, took over or released it
 * between this claim's read and write). Each retry means another claim made progress, so a few are plenty.
 */
const CLAIM_ATTEMPTS = 5;

/**
 * An {@link IdempotencyStore} in PostgreSQL, shared by every API instance on the database, so a retry reaching
 * another instance is still answered from the first response.
 *
 * A claim is optimistic: read the key, decide (the rules every adapter shares), then write only if the key is
 * still as read — `INSERT … ON CONFLICT DO NOTHING` for a new key, an UPDATE on the stale claim's token for a take
 * over. Of several instances racing for one key exactly one write lands; the others read again and answer
 * in-flight. The store does not own the pool: `close` only stops this store.
 */
export class PostgresIdempotencyStore implements IdempotencyStore {
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    private readonly storeName: string,
    private readonly now: () => Date,
    private readonly leaseMs: number,
  ) {}

  /**
   * Applies the pending migrations and answers the store.
   *
   * @throws StoreUnavailableError when PostgreSQL cannot be reached.
   */
  static async open(pool: Pool, options: IdempotencyStoreOptions = {}): Promise<PostgresIdempotencyStore> {
    const now = options.now ?? (() => new Date());
    const leaseMs = assertLease(options.leaseMs ?? DEFAULT_IDEMPOTENCY_LEASE_MS);
    const storeName = `idempotency keys in ${redactUrl(pool.options.connectionString ?? 'PostgreSQL')}`;
    try {
      await applyPostgresMigrations(pool, IDEMPOTENCY_COMPONENT, POSTGRES_IDEMPOTENCY_MIGRATIONS);
    } catch (error) {
      throw storeUnavailableOr(error, storeName);
    }
    return new PostgresIdempotencyStore(pool, storeName, now, leaseMs);
  }

  async claim(request: ClaimRequest): Promise<ClaimOutcome> {
    return this.run(async () => {
      for (let attempt = 1; attempt <= CLAIM_ATTEMPTS; attempt += 1) {
        const outcome = await this.tryClaim(request);
        if (outcome !== 'lost-race') return outcome;
      }
      throw new Error(`Idempotency key ${request.key} kept changing while being claimed`);
    });
  }

  async complete(claim: IdempotencyClaim, response: StoredResponse): Promise<boolean> {
    return this.run(async () => {
      const result = await this.pool.query(
        `UPDATE idempotency_keys
         SET state = 'completed', response_status = $5, response_headers = $6, response_body = $7, completed_at = $8
         WHERE ${KEY} AND state = 'in-flight' AND claim_token = $4`,
        [...keyParams(claim), claim.token, response.status, JSON.stringify(response.headers), response.bodyJson, this.now()],
      );
      return result.rowCount === 1;
    });
  }

  async release(claim: IdempotencyClaim): Promise<boolean> {
    return this.run(async () => {
      const result = await this.pool.query(`DELETE FROM idempotency_keys WHERE ${KEY} AND state = 'in-flight' AND claim_token = $4`, [
        ...keyParams(claim),
        claim.token,
      ]);
      return result.rowCount === 1;
    });
  }

  async find(ref: IdempotencyKeyRef): Promise<IdempotencyRecord | undefined> {
    return this.run(async () => {
      const row = await this.findRow(ref);
      return row === undefined ? undefined : toRecord(row);
    });
  }

  async purge(before: Date): Promise<number> {
    return this.run(async () => {
      const result = await this.pool.query(
        `DELETE FROM idempotency_keys
         WHERE (state = 'completed' AND completed_at < $1) OR (state = 'in-flight' AND claimed_at < $1)`,
        [before],
      );
      return result.rowCount ?? 0;
    });
  }

  async bindToLog(logId: string): Promise<number> {
    return this.run(() =>
      inTransaction(this.pool, async (client) => {
        // Self-conflicting: instances starting together bind one after the other, and all see the same log.
        await client.query('LOCK TABLE idempotency_answered_log IN SHARE ROW EXCLUSIVE MODE');
        const recorded = await client.query<{ log_id: string }>('SELECT log_id FROM idempotency_answered_log WHERE singleton = 1');
        const recordedLog = recorded.rows[0]?.log_id;
        if (recordedLog === logId) return 0;
        const forgotten = recordedLog === undefined ? 0 : await forgetAllIn(client);
        await client.query(
          `INSERT INTO idempotency_answered_log (singleton, log_id, bound_at) VALUES (1, $1, $2)
           ON CONFLICT (singleton) DO UPDATE SET log_id = excluded.log_id, bound_at = excluded.bound_at`,
          [logId, this.now()],
        );
        return forgotten;
      }),
    );
  }

  async forgetAll(): Promise<number> {
    return this.run(async () => {
      const result = await this.pool.query('DELETE FROM idempotency_keys');
      return result.rowCount ?? 0;
    });
  }

  /** Stops this store; the pool stays open for its owner. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
  }

  /** One read-decide-write round; `lost-race` when the key changed between the read and the write. */
  private async tryClaim(request: ClaimRequest): Promise<ClaimOutcome | 'lost-race'> {
    const existing = await this.findRow(request);
    const now = this.now();
    const decision = decideClaim(existing === undefined ? undefined : toRecord(existing), request, now, this.leaseMs);
    if (decision.action === 'answer') return decision.outcome;
    const token = randomUUID();
    const written =
      decision.action === 'insert'
        ? await this.pool.query(
            `INSERT INTO idempotency_keys (principal, scope, idempotency_key, fingerprint, state, claim_token, claimed_at)
             VALUES ($1, $2, $3, $4, 'in-flight', $5, $6)
             ON CONFLICT (principal, scope, idempotency_key) DO NOTHING`,
            [...keyParams(request), request.fingerprint, token, now],
          )
        : await this.pool.query(
            `UPDATE idempotency_keys SET claim_token = $5, claimed_at = $6
             WHERE ${KEY} AND state = 'in-flight' AND claim_token = $7 AND fingerprint = $4`,
            [...keyParams(request), request.fingerprint, token, now, decision.staleToken],
          );
    if (written.rowCount !== 1) return 'lost-race';
    return {
      outcome: 'claimed',
      claim: { sub: request.sub, scope: request.scope, key: request.key, token },
      tookOver: decision.action === 'take-over',
    };
  }

  private async findRow(ref: IdempotencyKeyRef): Promise<Row | undefined> {
    const result = await this.pool.query<Row>(`SELECT * FROM idempotency_keys WHERE ${KEY}`, keyParams(ref));
    return result.rows[0];
  }

  /** Refuses calls after `close`, and turns a lost or refused connection into {@link StoreUnavailableError}. */
  private async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('PostgresIdempotencyStore is closed');
    try {
      return await work();
    } catch (error) {
      throw storeUnavailableOr(error, this.storeName);
    }
  }
}

async function forgetAllIn(client: PoolClient): Promise<number> {
  return (await client.query('DELETE FROM idempotency_keys')).rowCount ?? 0;
}

function keyParams(ref: IdempotencyKeyRef): [string, string, string] {
  return [ref.sub, ref.scope, ref.key];
}

function toRecord(row: Row): IdempotencyRecord {
  const response: StoredResponse | null =
    row.state === 'completed' && row.response_status !== null && row.response_headers !== null
      ? { status: row.response_status, headers: row.response_headers, bodyJson: row.response_body }
      : null;
  return {
    sub: row.principal,
    scope: row.scope,
    key: row.idempotency_key,
    fingerprint: row.fingerprint,
    state: row.state,
    claimToken: row.claim_token,
    claimedAt: row.claimed_at.toISOString(),
    response,
    completedAt: row.completed_at === null ? null : row.completed_at.toISOString(),
  };
}
