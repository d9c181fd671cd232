import path from 'node:path';
import type Database from 'better-sqlite3';
import { applyMigrations, openDurableSqlite, type Migration } from '@app/infra';
import type { DeliveryAttempt, NewDeliveryAttempt, Subscription } from '../subscription';
import { SubscriptionRepository } from '../subscription.repository';

/** The subscriptions file's schema, as numbered forward-only migrations. A released migration is never edited. */
export const SUBSCRIPTION_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create-subscriptions-and-deliveries',
    up: `
      CREATE TABLE subscriptions (
        id                   TEXT PRIMARY KEY,
        url                  TEXT NOT NULL,
        types                TEXT NOT NULL CHECK (json_valid(types)),
        country              TEXT,
        description          TEXT,
        secret               TEXT NOT NULL,
        status               TEXT NOT NULL CHECK (status IN ('active', 'paused')),
        checkpoint           TEXT,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        next_attempt_at      INTEGER NOT NULL DEFAULT 0,
        paused_reason        TEXT,
        lease_owner          TEXT,
        lease_until          INTEGER NOT NULL DEFAULT 0,
        created_at           TEXT NOT NULL,
        created_by           TEXT NOT NULL
      ) STRICT;
      CREATE TABLE deliveries (
        seq             INTEGER PRIMARY KEY AUTOINCREMENT,
        subscription_id TEXT NOT NULL REFERENCES subscriptions (id),
        event_id        TEXT NOT NULL,
        event_type      TEXT NOT NULL,
        position        TEXT NOT NULL,
        attempt         INTEGER NOT NULL,
        attempted_at    TEXT NOT NULL,
        outcome         TEXT NOT NULL CHECK (outcome IN ('delivered', 'failed')),
        status_code     INTEGER,
        error           TEXT,
        duration_ms     INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX deliveries_by_subscription ON deliveries (subscription_id, seq);
      CREATE INDEX deliveries_by_event ON deliveries (subscription_id, event_id);
    `,
  },
];

interface SubscriptionRow {
  id: string;
  url: string;
  types: string;
  country: string | null;
  description: string | null;
  status: 'active' | 'paused';
  checkpoint: string | null;
  consecutive_failures: number;
  next_attempt_at: number;
  paused_reason: string | null;
  created_at: string;
  created_by: string;
}

interface DeliveryRow {
  seq: number;
  subscription_id: string;
  event_id: string;
  event_type: string;
  position: string;
  attempt: number;
  attempted_at: string;
  outcome: 'delivered' | 'failed';
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

const COLUMNS =
  'id, url, types, country, description, status, checkpoint, consecutive_failures, next_attempt_at, paused_reason, created_at, created_by';

export function subscriptionsFile(dataDir: string): string {
  return path.join(dataDir, 'subscriptions.sqlite');
}

/**
 * The {@link SubscriptionRepository} in its own SQLite file under DATA_DIR (`subscriptions.sqlite`), WAL with
 * synchronous=FULL. Several server processes on one DATA_DIR share it: the lease is a conditional UPDATE, which
 * SQLite runs under its write lock.
 */
export class SqliteSubscriptionRepository extends SubscriptionRepository {
  private constructor(private readonly db: Database.Database) {
    super();
  }

  static open(file: string): SqliteSubscriptionRepository {
    return openDurableSqlite(
      file,
      {
        holds: 'the webhook subscriptions',
        synchronous: 'FULL',
        migrate: (db) => applyMigrations(db, SUBSCRIPTION_MIGRATIONS),
      },
      (db) => new SqliteSubscriptionRepository(db),
    );
  }

  async create(subscription: Subscription, secret: string): Promise<void> {
    this.db
      .prepare(`INSERT INTO subscriptions (${COLUMNS}, secret) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(
        subscription.id, subscription.url, JSON.stringify(subscription.types), subscription.country, subscription.description,
        subscription.status, subscription.checkpoint, subscription.consecutiveFailures, subscription.nextAttemptAt,
        subscription.pausedReason, subscription.createdAt, subscription.createdBy, secret,
      );
  }

  async get(id: string): Promise<Subscription | null> {
    const row = this.db.prepare<[string], SubscriptionRow>(`SELECT ${COLUMNS} FROM subscriptions WHERE id = ?`).get(id);
    return row === undefined ? null : toSubscription(row);
  }

  async list(): Promise<Subscription[]> {
    return this.db.prepare<[], SubscriptionRow>(`SELECT ${COLUMNS} FROM subscriptions ORDER BY created_at, id`).all().map(toSubscription);
  }

  async secretOf(id: string): Promise<string> {
    const row = this.db.prepare<[string], { secret: string }>('SELECT secret FROM subscriptions WHERE id = ?').get(id);
    if (row === undefined) throw new Error(`No subscription ${id}`);
    return row.secret;
  }

  async due(nowMs: number): Promise<Subscription[]> {
    return this.db
      .prepare<[number], SubscriptionRow>(`SELECT ${COLUMNS} FROM subscriptions WHERE status = 'active' AND next_attempt_at <= ? ORDER BY id`)
      .all(nowMs)
      .map(toSubscription);
  }

  async claim(id: string, owner: string, nowMs: number, untilMs: number): Promise<boolean> {
    const result = this.db
      .prepare('UPDATE subscriptions SET lease_owner = ?, lease_until = ? WHERE id = ? AND (lease_owner = ? OR lease_until <= ?)')
      .run(owner, untilMs, id, owner, nowMs);
    return result.changes === 1;
  }

  async release(id: string, owner: string): Promise<void> {
    this.db.prepare('UPDATE subscriptions SET lease_until = 0 WHERE id = ? AND lease_owner = ?').run(id, owner);
  }

  async recordDelivered(attempt: NewDeliveryAttempt): Promise<void> {
    this.db.transaction(() => {
      if (!this.exists(attempt.subscriptionId)) return; // deleted while the attempt was in flight
      this.insertAttempt(attempt);
      this.db
        .prepare("UPDATE subscriptions SET checkpoint = ?, consecutive_failures = 0, next_attempt_at = 0 WHERE id = ? AND status = 'active'")
        .run(attempt.position, attempt.subscriptionId);
    })();
  }

  async recordFailed(attempt: NewDeliveryAttempt, nextAttemptAt: number, pausedReason: string | null): Promise<void> {
    this.db.transaction(() => {
      if (!this.exists(attempt.subscriptionId)) return;
      this.insertAttempt(attempt);
      this.db
        .prepare(
          `UPDATE subscriptions SET consecutive_failures = consecutive_failures + 1, next_attempt_at = ?,
             status = CASE WHEN ? IS NULL THEN status ELSE 'paused' END, paused_reason = COALESCE(?, paused_reason)
           WHERE id = ?`,
        )
        .run(nextAttemptAt, pausedReason, pausedReason, attempt.subscriptionId);
    })();
  }

  async advance(id: string, position: string): Promise<void> {
    this.db.prepare("UPDATE subscriptions SET checkpoint = ? WHERE id = ? AND status = 'active'").run(position, id);
  }

  async resume(id: string): Promise<boolean> {
    const result = this.db
      .prepare("UPDATE subscriptions SET status = 'active', consecutive_failures = 0, next_attempt_at = 0, paused_reason = NULL WHERE id = ?")
      .run(id);
    return result.changes === 1;
  }

  async delete(id: string): Promise<boolean> {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM deliveries WHERE subscription_id = ?').run(id);
      return this.db.prepare('DELETE FROM subscriptions WHERE id = ?').run(id).changes === 1;
    })();
  }

  async attemptsAt(subscriptionId: string, eventId: string): Promise<number> {
    const row = this.db
      .prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM deliveries WHERE subscription_id = ? AND event_id = ?')
      .get(subscriptionId, eventId);
    return row?.n ?? 0;
  }

  async deliveries(subscriptionId: string, limit: number, beforeSeq: number | null): Promise<DeliveryAttempt[]> {
    return this.db
      .prepare<[string, number, number], DeliveryRow>(
        'SELECT * FROM deliveries WHERE subscription_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
      )
      .all(subscriptionId, beforeSeq ?? Number.MAX_SAFE_INTEGER, limit + 1)
      .map(toAttempt);
  }

  private exists(id: string): boolean {
    return this.db.prepare<[string], { id: string }>('SELECT id FROM subscriptions WHERE id = ?').get(id) !== undefined;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private insertAttempt(attempt: NewDeliveryAttempt): void {
    this.db
      .prepare(
        `INSERT INTO deliveries (subscription_id, event_id, event_type, position, attempt, attempted_at, outcome, status_code, error, duration_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        attempt.subscriptionId, attempt.eventId, attempt.eventType, attempt.position, attempt.attempt, attempt.attemptedAt,
        attempt.outcome, attempt.statusCode, attempt.error, attempt.durationMs,
      );
  }
}

function toSubscription(row: SubscriptionRow): Subscription {
  return {
    id: row.id,
    url: row.url,
    types: JSON.parse(row.types) as string[],
    country: row.country,
    description: row.description,
    status: row.status,
    checkpoint: row.checkpoint,
    consecutiveFailures: row.consecutive_failures,
    nextAttemptAt: row.next_attempt_at,
    pausedReason: row.paused_reason,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

function toAttempt(row: DeliveryRow): DeliveryAttempt {
  return {
    seq: row.seq,
    subscriptionId: row.subscription_id,
    eventId: row.event_id,
    eventType: row.event_type,
    position: row.position,
    attempt: row.attempt,
    attemptedAt: row.attempted_at,
    outcome: row.outcome,
    statusCode: row.status_code,
    error: row.error,
    durationMs: row.duration_ms,
  };
}
