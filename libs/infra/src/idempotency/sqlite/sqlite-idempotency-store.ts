import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { applyMigrations } from '../../event-store/sqlite/sqlite-event-store.schema';
import { openDurableSqlite } from '../../event-store/sqlite/open-durable-sqlite';
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
import { IDEMPOTENCY_MIGRATIONS } from './sqlite-idempotency-store.schema';

/** An `idempotency_keys` row. */
interface Row {
  readonly principal: string;
  readonly scope: string;
  readonly idempotency_key: string;
  readonly fingerprint: string;
  readonly state: 'in-flight' | 'completed';
  readonly claim_token: string;
  readonly claimed_at: string;
  readonly response_status: number | null;
  readonly response_headers: string | null;
  readonly response_body: string | null;
  readonly completed_at: string | null;
}

interface KeyParams {
  readonly principal: string;
  readonly scope: string;
  readonly key: string;
}

const KEY = 'principal = @principal AND scope = @scope AND idempotency_key = @key';

/**
 * An {@link IdempotencyStore} in its own SQLite file (not the event store's: keys are operational data with a
 * retention period, events are kept for ever), through better-sqlite3.
 *
 * Same conventions as the SQLite event store: WAL with `synchronous=FULL`, so a stored response survives a power
 * loss once `complete` returns; numbered migrations recorded in `schema_migrations`; every claim is one IMMEDIATE
 * transaction, which takes the write lock before reading, so two requests (or two processes) racing for one key
 * see one consistent state and exactly one of them wins.
 */
export class SqliteIdempotencyStore implements IdempotencyStore {
  private readonly claimTransaction: (request: ClaimRequest) => ClaimOutcome;
  private readonly statements: ReturnType<typeof prepare>;

  private constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date,
    private readonly leaseMs: number,
  ) {
    this.statements = prepare(db);
    const claim = db.transaction((request: ClaimRequest) => this.claimInTransaction(request));
    this.claimTransaction = (request) => claim.immediate(request);
  }

  /**
   * Opens (creating if needed, with its parent directory) the store in `filePath`, configures the connection and
   * applies pending migrations. `':memory:'` is refused: it cannot use WAL; use `InMemoryIdempotencyStore`.
   *
   * @throws CorruptDatabaseError when the file is not a database or fails a quick integrity check.
   */
  static open(filePath: string, options: IdempotencyStoreOptions = {}): SqliteIdempotencyStore {
    const now = options.now ?? (() => new Date());
    const leaseMs = assertLease(options.leaseMs ?? DEFAULT_IDEMPOTENCY_LEASE_MS);
    return openDurableSqlite(
      filePath,
      {
        holds: 'the idempotency store',
        synchronous: 'FULL',
        refuseDamagedPages: true,
        migrate: (db) => applyMigrations(db, IDEMPOTENCY_MIGRATIONS, now),
      },
      (db) => new SqliteIdempotencyStore(db, now, leaseMs),
    );
  }

  /** The underlying connection, for tests and diagnostics. Do not close it: call {@link close}. */
  get database(): Database.Database {
    return this.db;
  }

  async claim(request: ClaimRequest): Promise<ClaimOutcome> {
    this.assertOpen();
    return this.claimTransaction(request);
  }

  async complete(claim: IdempotencyClaim, response: StoredResponse): Promise<boolean> {
    this.assertOpen();
    const result = this.statements.complete.run({
      ...keyParams(claim),
      token: claim.token,
      status: response.status,
      headers: JSON.stringify(response.headers),
      body: response.bodyJson,
      completed_at: this.now().toISOString(),
    });
    return result.changes === 1;
  }

  async release(claim: IdempotencyClaim): Promise<boolean> {
    this.assertOpen();
    return this.statements.release.run({ ...keyParams(claim), token: claim.token }).changes === 1;
  }

  async find(ref: IdempotencyKeyRef): Promise<IdempotencyRecord | undefined> {
    this.assertOpen();
    const row = this.statements.find.get(keyParams(ref));
    return row === undefined ? undefined : toRecord(row);
  }

  async purge(before: Date): Promise<number> {
    this.assertOpen();
    return this.statements.purge.run({ before: before.toISOString() }).changes;
  }

  async bindToLog(logId: string): Promise<number> {
    this.assertOpen();
    return this.db.transaction((): number => {
      const recorded = this.statements.answeredLog.get()?.log_id;
      if (recorded === logId) return 0;
      const forgotten = recorded === undefined ? 0 : this.statements.forgetAll.run().changes;
      this.statements.saveAnsweredLog.run(logId, this.now().toISOString());
      return forgotten;
    }).immediate();
  }

  async forgetAll(): Promise<number> {
    this.assertOpen();
    return this.statements.forgetAll.run().changes;
  }

  /** Closes the connection (SQLite checkpoints the WAL on last close). Idempotent. */
  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** The body of the IMMEDIATE claim transaction: synchronous, any throw rolls it back. */
  private claimInTransaction(request: ClaimRequest): ClaimOutcome {
    const params = keyParams(request);
    const existing = this.statements.find.get(params);
    const now = this.now();
    const decision = decideClaim(existing === undefined ? undefined : toRecord(existing), request, now, this.leaseMs);
    if (decision.action === 'answer') return decision.outcome;
    const token = randomUUID();
    const claim = { ...params, fingerprint: request.fingerprint, token, claimed_at: now.toISOString() };
    if (decision.action === 'insert') {
      this.statements.insert.run(claim);
    } else if (this.statements.takeOver.run({ ...claim, stale_token: decision.staleToken }).changes !== 1) {
      // Unreachable inside the write lock; refuse rather than claim something another writer changed.
      throw new Error(`Idempotency key ${request.key} changed while being taken over`);
    }
    return {
      outcome: 'claimed',
      claim: { sub: request.sub, scope: request.scope, key: request.key, token },
      tookOver: decision.action === 'take-over',
    };
  }

  private assertOpen(): void {
    if (!this.db.open) throw new Error('SqliteIdempotencyStore is closed');
  }
}

function prepare(db: Database.Database) {
  return {
    find: db.prepare<KeyParams, Row>(`SELECT * FROM idempotency_keys WHERE ${KEY}`),
    insert: db.prepare<KeyParams & { fingerprint: string; token: string; claimed_at: string }>(
      `INSERT INTO idempotency_keys (principal, scope, idempotency_key, fingerprint, state, claim_token, claimed_at)
       VALUES (@principal, @scope, @key, @fingerprint, 'in-flight', @token, @claimed_at)`,
    ),
    takeOver: db.prepare<KeyParams & { fingerprint: string; token: string; claimed_at: string; stale_token: string }>(
      `UPDATE idempotency_keys SET claim_token = @token, claimed_at = @claimed_at
       WHERE ${KEY} AND state = 'in-flight' AND claim_token = @stale_token AND fingerprint = @fingerprint`,
    ),
    complete: db.prepare<
      KeyParams & { token: string; status: number; headers: string; body: string | null; completed_at: string }
    >(
      `UPDATE idempotency_keys
       SET state = 'completed', response_status = @status, response_headers = @headers, response_body = @body,
           completed_at = @completed_at
       WHERE ${KEY} AND state = 'in-flight' AND claim_token = @token`,
    ),
    release: db.prepare<KeyParams & { token: string }>(
      `DELETE FROM idempotency_keys WHERE ${KEY} AND state = 'in-flight' AND claim_token = @token`,
    ),
    answeredLog: db.prepare<[], { log_id: string }>('SELECT log_id FROM answered_log WHERE singleton = 1'),
    saveAnsweredLog: db.prepare<[string, string]>(
      `INSERT INTO answered_log (singleton, log_id, bound_at) VALUES (1, ?, ?)
       ON CONFLICT (singleton) DO UPDATE SET log_id = excluded.log_id, bound_at = excluded.bound_at`,
    ),
    forgetAll: db.prepare('DELETE FROM idempotency_keys'),
    purge: db.prepare<{ before: string }>(
      `DELETE FROM idempotency_keys
       WHERE (state = 'completed' AND completed_at < @before) OR (state = 'in-flight' AND claimed_at < @before)`,
    ),
  };
}

function keyParams(ref: IdempotencyKeyRef): KeyParams {
  return { principal: ref.sub, scope: ref.scope, key: ref.key };
}

function toRecord(row: Row): IdempotencyRecord {
  const response: StoredResponse | null =
    row.state === 'completed' && row.response_status !== null && row.response_headers !== null
      ? {
          status: row.response_status,
          headers: JSON.parse(row.response_headers) as Record<string, string>,
          bodyJson: row.response_body,
        }
      : null;
  return {
    sub: row.principal,
    scope: row.scope,
    key: row.idempotency_key,
    fingerprint: row.fingerprint,
    state: row.state,
    claimToken: row.claim_token,
    claimedAt: row.claimed_at,
    response,
    completedAt: row.completed_at,
  };
}
