import type { DeliveryAttempt, NewDeliveryAttempt, Subscription } from './subscription';

/**
 * Webhook subscriptions, their signing secrets, checkpoints, delivery leases and delivery log: in SQLite under
 * DATA_DIR, or in PostgreSQL when the event log is there, so every API instance shares them. Both adapters pass
 * one behaviour suite (testing/subscription-repository.behaviour.ts).
 *
 * Not in the event log: a checkpoint moves on every delivery (operational state, not a fact of the case), and the
 * signing secret must be erasable, which an append-only log is not. Not a read model either: nothing derives it,
 * so it is never rebuilt or dropped with the read models. Each delivery's log row and checkpoint move are one
 * transaction, so a crash leaves the checkpoint on the last event the receiver acknowledged.
 *
 * An abstract class rather than an interface: it is also the Nest injection token.
 */
export abstract class SubscriptionRepository {
  abstract create(subscription: Subscription, secret: string): Promise<void>;

  abstract get(id: string): Promise<Subscription | null>;

  /** Every subscription, oldest first. */
  abstract list(): Promise<Subscription[]>;

  /** The signing secret; rejects when the subscription does not exist. */
  abstract secretOf(id: string): Promise<string>;

  /** Active subscriptions whose next attempt is due at `nowMs`. */
  abstract due(nowMs: number): Promise<Subscription[]>;

  /**
   * Claims (or extends) the right to deliver a subscription until `untilMs`: one deliverer at a time, even with
   * several server processes on the same data, so deliveries stay in order. Answers whether it is held.
   */
  abstract claim(id: string, owner: string, nowMs: number, untilMs: number): Promise<boolean>;

  /** Gives the lease up at once, if `owner` holds it. */
  abstract release(id: string, owner: string): Promise<void>;

  /** The receiver acknowledged the event: log it and move the checkpoint past it, atomically. */
  abstract recordDelivered(attempt: NewDeliveryAttempt): Promise<void>;

  /** The attempt failed: log it, count it, schedule the next one or pause (`pausedReason` set), atomically. */
  abstract recordFailed(attempt: NewDeliveryAttempt, nextAttemptAt: number, pausedReason: string | null): Promise<void>;

  /** Events the filter skipped: move the checkpoint so they are not looked at again. */
  abstract advance(id: string, position: string): Promise<void>;

  /** Makes a paused subscription active again, due at once. Answers false when it does not exist. */
  abstract resume(id: string): Promise<boolean>;

  /** Removes a subscription, its secret and its delivery log. Answers false when it does not exist. */
  abstract delete(id: string): Promise<boolean>;

  /** How many attempts were made at this event for this subscription. */
  abstract attemptsAt(subscriptionId: string, eventId: string): Promise<number>;

  /** The delivery log, newest first, `limit + 1` rows (keyset: before `beforeSeq`). */
  abstract deliveries(subscriptionId: string, limit: number, beforeSeq: number | null): Promise<DeliveryAttempt[]>;

  /** Releases what the adapter holds (not a pool it was given). Idempotent. */
  abstract close(): Promise<void>;
}
