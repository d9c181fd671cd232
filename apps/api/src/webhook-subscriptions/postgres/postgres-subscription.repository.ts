import type { Pool, PoolClient } from 'pg';
import { applyPostgresMigrations, inTransaction, redactUrl, storeUnavailableOr } from '@app/infra';
import type { DeliveryAttempt, NewDeliveryAttempt, Subscription } from '../subscription';
import { SubscriptionRepository } from '../subscription.repository';
import { POSTGRES_SUBSCRIPTION_MIGRATIONS, SUBSCRIPTIONS_COMPONENT } from './postgres-subscription.schema';

/** A `webhook_subscriptions` row as `pg` returns it: bigint as text, timestamptz as Date, jsonb parsed. */
interface SubscriptionRow {
  id: string;
  url: string;
  types: string[];
  country: string | null;
  description: string | null;
  status: 'active' | 'paused';
  checkpoint: string | null;
  consecutive_failures: number;
  next_attempt_at: string;
  paused_reason: string | null;
  created_at: Date;
  created_by: string;
}

interface DeliveryRow {
  seq: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  position: string;
  attempt: number;
  attempted_at: Date;
  outcome: 'delivered' | 'failed';
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

const COLUMNS =
  'id, url, types, country, description, status, checkpoint, consecutive_failures, next_attempt_at, paused_reason, created_at, created_by';

/**
 * The {@link SubscriptionRepository} in PostgreSQL, shared by every API instance on the database. The delivery
 * lease is one conditional UPDATE: PostgreSQL re-checks its condition on the row a concurrent claim just wrote, so
 * of two instances claiming at once exactly one holds the subscription, and each receiver gets its events in order.
 * A delivery's log row and checkpoint move are one transaction, with the subscription row locked so a concurrent
 * delete waits for it. The repository does not own the pool.
 */
export class PostgresSubscriptionRepository extends SubscriptionRepository {
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    private readonly storeName: string,
  ) {
    super();
  }

  /** Applies the pending migrations. Rejects with StoreUnavailableError when PostgreSQL cannot be reached. */
  static async open(pool: Pool): Promise<PostgresSubscriptionRepository> {
    const storeName = `webhook subscriptions in ${redactUrl(pool.options.connectionString ?? 'PostgreSQL')}`;
    try {
      await applyPostgresMigrations(pool, SUBSCRIPTIONS_COMPONENT, POSTGRES_SUBSCRIPTION_MIGRATIONS);
    } catch (error) {
      throw storeUnavailableOr(error, storeName);
    }
    return new PostgresSubscriptionRepository(pool, storeName);
  }

  async create(subscription: Subscription, secret: string): Promise<void> {
    await this.query(
      `INSERT INTO webhook_subscriptions (${COLUMNS}, secret) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        subscription.id, subscription.url, JSON.stringify(subscription.types), subscription.country, subscription.description,
        subscription.status, subscription.checkpoint, subscription.consecutiveFailures, subscription.nextAttemptAt,
        subscription.pausedReason, subscription.createdAt, subscription.createdBy, secret,
      ],
    );
  }

  async get(id: string): Promise<Subscription | null> {
    const rows = await this.query<SubscriptionRow>(`SELECT ${COLUMNS} FROM webhook_subscriptions WHERE id = $1`, [id]);
    return rows.length === 0 ? null : toSubscription(rows[0]!);
  }

  async list(): Promise<Subscription[]> {
    return (await this.query<SubscriptionRow>(`SELECT ${COLUMNS} FROM webhook_subscriptions ORDER BY created_at, id`)).map(toSubscription);
  }

  async secretOf(id: string): Promise<string> {
    const rows = await this.query<{ secret: string }>('SELECT secret FROM webhook_subscriptions WHERE id = $1', [id]);
    if (rows.length === 0) throw new Error(`No subscription ${id}`);
    return rows[0]!.secret;
  }

  async due(nowMs: number): Promise<Subscription[]> {
    const rows = await this.query<SubscriptionRow>(
      `SELECT ${COLUMNS} FROM webhook_subscriptions WHERE status = 'active' AND next_attempt_at <= $1 ORDER BY id`,
      [nowMs],
    );
    return rows.map(toSubscription);
  }

  async claim(id: string, owner: string, nowMs: number, untilMs: number): Promise<boolean> {
    const claimed = await this.query(
      `UPDATE webhook_subscriptions SET lease_owner = $2, lease_until = $3
       WHERE id = $1 AND (lease_owner = $2 OR lease_until <= $4) RETURNING id`,
      [id, owner, untilMs, nowMs],
    );
    return claimed.length === 1;
  }

  async release(id: string, owner: string): Promise<void> {
    await this.query('UPDATE webhook_subscriptions SET lease_until = 0 WHERE id = $1 AND lease_owner = $2', [id, owner]);
  }

  async recordDelivered(attempt: NewDeliveryAttempt): Promise<void> {
    await this.inTransaction(async (client) => {
      if (!(await lockSubscription(client, attempt.subscriptionId))) return; // deleted while the attempt was in flight
      await insertAttempt(client, attempt);
      await client.query(
        "UPDATE webhook_subscriptions SET checkpoint = $1, consecutive_failures = 0, next_attempt_at = 0 WHERE id = $2 AND status = 'active'",
        [attempt.position, attempt.subscriptionId],
      );
    });
  }

  async recordFailed(attempt: NewDeliveryAttempt, nextAttemptAt: number, pausedReason: string | null): Promise<void> {
    await this.inTransaction(async (client) => {
      if (!(await lockSubscription(client, attempt.subscriptionId))) return;
      await insertAttempt(client, attempt);
      await client.query(
        `UPDATE webhook_subscriptions SET consecutive_failures = consecutive_failures + 1, next_attempt_at = $1,
           status = CASE WHEN $2::text IS NULL THEN status ELSE 'paused' END, paused_reason = COALESCE($2, paused_reason)
         WHERE id = $3`,
        [nextAttemptAt, pausedReason, attempt.subscriptionId],
      );
    });
  }

  async advance(id: string, position: string): Promise<void> {
    await this.query("UPDATE webhook_subscriptions SET checkpoint = $1 WHERE id = $2 AND status = 'active'", [position, id]);
  }

  async resume(id: string): Promise<boolean> {
    const resumed = await this.query(
      `UPDATE webhook_subscriptions SET status = 'active', consecutive_failures = 0, next_attempt_at = 0, paused_reason = NULL
       WHERE id = $1 RETURNING id`,
      [id],
    );
    return resumed.length === 1;
  }

  async delete(id: string): Promise<boolean> {
    // The delivery log goes with it (ON DELETE CASCADE), in this one statement.
    return (await this.query('DELETE FROM webhook_subscriptions WHERE id = $1 RETURNING id', [id])).length === 1;
  }

  async attemptsAt(subscriptionId: string, eventId: string): Promise<number> {
    const rows = await this.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM webhook_deliveries WHERE subscription_id = $1 AND event_id = $2',
      [subscriptionId, eventId],
    );
    return rows[0]?.n ?? 0;
  }

  async deliveries(subscriptionId: string, limit: number, beforeSeq: number | null): Promise<DeliveryAttempt[]> {
    const rows = await this.query<DeliveryRow>(
      'SELECT * FROM webhook_deliveries WHERE subscription_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3',
      [subscriptionId, beforeSeq ?? Number.MAX_SAFE_INTEGER, limit + 1],
    );
    return rows.map(toAttempt);
  }

  /** Stops this repository; the pool stays open for its owner. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
  }

  private async query<R extends object>(text: string, values: unknown[] = []): Promise<R[]> {
    return this.guard(async () => (await this.pool.query<R>(text, values)).rows);
  }

  private async inTransaction(work: (client: PoolClient) => Promise<void>): Promise<void> {
    await this.guard(() => inTransaction(this.pool, work));
  }

  /** Refuses calls after `close`, and turns a lost or refused connection into StoreUnavailableError. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('PostgresSubscriptionRepository is closed');
    try {
      return await work();
    } catch (error) {
      throw storeUnavailableOr(error, this.storeName);
    }
  }
}

/** Locks the subscription row for the transaction; answers whether it exists. */
async function lockSubscription(client: PoolClient, id: string): Promise<boolean> {
  return (await client.query('SELECT 1 FROM webhook_subscriptions WHERE id = $1 FOR UPDATE', [id])).rowCount === 1;
}

async function insertAttempt(client: PoolClient, attempt: NewDeliveryAttempt): Promise<void> {
  await client.query(
    `INSERT INTO webhook_deliveries
       (subscription_id, event_id, event_type, position, attempt, attempted_at, outcome, status_code, error, duration_ms)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      attempt.subscriptionId, attempt.eventId, attempt.eventType, attempt.position, attempt.attempt, attempt.attemptedAt,
      attempt.outcome, attempt.statusCode, attempt.error, attempt.durationMs,
    ],
  );
}

function toSubscription(row: SubscriptionRow): Subscription {
  return {
    id: row.id,
    url: row.url,
    types: row.types,
    country: row.country,
    description: row.description,
    status: row.status,
    checkpoint: row.checkpoint,
    consecutiveFailures: row.consecutive_failures,
    nextAttemptAt: Number(row.next_attempt_at),
    pausedReason: row.paused_reason,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
  };
}

function toAttempt(row: DeliveryRow): DeliveryAttempt {
  return {
    seq: Number(row.seq),
    subscriptionId: row.subscription_id,
    eventId: row.event_id,
    eventType: row.event_type,
    position: row.position,
    attempt: row.attempt,
    attemptedAt: row.attempted_at.toISOString(),
    outcome: row.outcome,
    statusCode: row.status_code,
    error: row.error,
    durationMs: row.duration_ms,
  };
}
