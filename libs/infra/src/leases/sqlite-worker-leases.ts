import { hostname } from 'node:os';
import type Database from 'better-sqlite3';
import { openDurableSqlite } from '../event-store/sqlite/open-durable-sqlite';
import { newLeaseInstanceId, type WorkerLeases } from './worker-leases.port';

/** How long a lease lasts after its last renewal: the longest a dead holder keeps the others waiting. */
export const DEFAULT_LEASE_TTL_MS = 10_000;

export interface SqliteWorkerLeasesOptions {
  readonly instanceId?: string;
  /** Default {@link DEFAULT_LEASE_TTL_MS}; holders renew five times per TTL. */
  readonly ttlMs?: number;
  /**
   * Milliseconds since the epoch. The machine's wall clock, never the application's business clock: every process
   * on the file must measure expiry on the same clock, and a test clock set years ahead would free every lease.
   */
  readonly now?: () => number;
  /**
   * Whether the instance that owns a lease is known to be gone before its lease expires. Default
   * {@link ownerProcessIsGone}: a process of this machine that no longer exists.
   */
  readonly ownerIsGone?: (owner: string) => boolean;
}

/**
 * Whether `owner` (an id from newLeaseInstanceId) names a process of this machine that no longer exists: a holder
 * killed with `kill -9` is then replaced at once rather than after its TTL. Anything else (another host, a live
 * process, a reused process id) waits for the expiry.
 */
export function ownerProcessIsGone(owner: string): boolean {
  const [host, pid] = owner.split(':');
  if (host !== hostname() || pid === undefined || !/^\d+$/.test(pid)) return false;
  try {
    process.kill(Number(pid), 0); // signal 0: only asks whether the process exists
    return false;
  } catch (error) {
    return (error as { code?: unknown }).code === 'ESRCH';
  }
}

interface LeaseParams {
  readonly name: string;
  readonly owner: string;
  readonly now: number;
  readonly expiresAt: number;
}

/**
 * Leases as rows `(name, owner, expires_at)` in a SQLite file shared by the processes of one machine. Taking or
 * renewing is one conditional upsert in an IMMEDIATE transaction (the write lock is taken before the row is read),
 * so two processes racing for a free or expired lease see one state and exactly one of them wins. A holder killed
 * with `kill -9` leaves its row behind: the next `hold` of another process of the machine sees that the owner's
 * process is gone and takes it; otherwise it expires `ttlMs` after the last renewal.
 */
export class SqliteWorkerLeases implements WorkerLeases {
  readonly instanceId: string;
  readonly renewEveryMs: number;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly ownerIsGone: (owner: string) => boolean;
  private readonly take: (params: LeaseParams) => boolean;
  private readonly statements: ReturnType<typeof prepare>;
  private closed = false;

  private constructor(
    private readonly db: Database.Database,
    options: SqliteWorkerLeasesOptions,
  ) {
    this.instanceId = options.instanceId ?? newLeaseInstanceId();
    this.ttlMs = options.ttlMs ?? DEFAULT_LEASE_TTL_MS;
    if (!Number.isInteger(this.ttlMs) || this.ttlMs < 100) throw new Error(`A lease TTL must be a whole number of ms ≥ 100, got ${this.ttlMs}`);
    this.renewEveryMs = Math.floor(this.ttlMs / 5);
    this.now = options.now ?? Date.now;
    this.ownerIsGone = options.ownerIsGone ?? ownerProcessIsGone;
    this.statements = prepare(db);
    const take = db.transaction((params: LeaseParams): boolean => {
      if (this.statements.take.run(params).changes === 1) return true;
      const owner = this.statements.owner.get({ name: params.name })?.owner;
      if (owner === undefined || !this.ownerIsGone(owner)) return false;
      return this.statements.replace.run({ ...params, previous: owner }).changes === 1;
    });
    this.take = (params) => take.immediate(params);
  }

  /**
   * Opens the lease table in `file` (created if needed, next to whatever else the file holds). The table is created
   * with `CREATE TABLE IF NOT EXISTS` and recorded in no migration list, so it can live in a file another component
   * migrates without touching that component's schema versions. Leases are throw-away: the connection does not
   * fsync each renewal (losing the last ones to a power cut frees leases every holder of which died with it).
   */
  static open(file: string, options: SqliteWorkerLeasesOptions = {}): SqliteWorkerLeases {
    return openDurableSqlite(
      file,
      { holds: 'the worker leases', synchronous: 'NORMAL', migrate: (db) => db.exec(LEASE_TABLE) },
      (db) => new SqliteWorkerLeases(db, options),
    );
  }

  async hold(name: string): Promise<boolean> {
    if (this.closed) return false;
    const now = this.now();
    try {
      return this.take({ name, owner: this.instanceId, now, expiresAt: now + this.ttlMs });
    } catch (error) {
      // Another connection kept the write lock past the busy timeout: this instance cannot say it holds the lease.
      if ((error as { code?: unknown }).code === 'SQLITE_BUSY') return false;
      throw error;
    }
  }

  async release(name: string): Promise<void> {
    if (!this.closed) this.statements.release.run({ name, owner: this.instanceId });
  }

  async releaseAll(): Promise<void> {
    if (!this.closed) this.statements.releaseAll.run({ owner: this.instanceId });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.releaseAll().catch(() => undefined); // the rows expire anyway
    this.closed = true;
    this.db.close();
  }
}

const LEASE_TABLE = `
  CREATE TABLE IF NOT EXISTS worker_leases (
    name       TEXT    PRIMARY KEY,
    owner      TEXT    NOT NULL,
    expires_at INTEGER NOT NULL
  ) STRICT`;

function prepare(db: Database.Database) {
  return {
    // Inserted when new; otherwise taken over only when this instance holds it already or it has expired.
    take: db.prepare<[LeaseParams]>(
      `INSERT INTO worker_leases (name, owner, expires_at) VALUES (@name, @owner, @expiresAt)
       ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
       WHERE worker_leases.owner = excluded.owner OR worker_leases.expires_at <= @now`,
    ),
    owner: db.prepare<[{ name: string }], { owner: string }>('SELECT owner FROM worker_leases WHERE name = @name'),
    replace: db.prepare<[LeaseParams & { previous: string }]>(
      'UPDATE worker_leases SET owner = @owner, expires_at = @expiresAt WHERE name = @name AND owner = @previous',
    ),
    release: db.prepare<[{ name: string; owner: string }]>('DELETE FROM worker_leases WHERE name = @name AND owner = @owner'),
    releaseAll: db.prepare<[{ owner: string }]>('DELETE FROM worker_leases WHERE owner = @owner'),
  };
}
