/** A webhook subscription as stored (the signing secret is kept apart: see SubscriptionRepository.secretOf). */
export interface Subscription {
  readonly id: string;
  readonly url: string;
  /** Only these public types; empty: every one. */
  readonly types: readonly string[];
  /** Only events about this country (ISO 3166-1 alpha-2); null: every country. */
  readonly country: string | null;
  readonly description: string | null;
  readonly status: SubscriptionStatus;
  /** The position of the last event delivered (or skipped by the filter); null: nothing yet. */
  readonly checkpoint: string | null;
  readonly consecutiveFailures: number;
  /** Epoch milliseconds of the next attempt after a failure. */
  readonly nextAttemptAt: number;
  readonly pausedReason: string | null;
  readonly createdAt: string;
  readonly createdBy: string;
}

export const SUBSCRIPTION_STATUSES = ['active', 'paused'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** One attempt to deliver one event. */
export interface DeliveryAttempt {
  readonly seq: number;
  readonly subscriptionId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly position: string;
  /** 1 for the first attempt at this event, then 2, 3… */
  readonly attempt: number;
  readonly attemptedAt: string;
  readonly outcome: 'delivered' | 'failed';
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}

export type NewDeliveryAttempt = Omit<DeliveryAttempt, 'seq'>;
