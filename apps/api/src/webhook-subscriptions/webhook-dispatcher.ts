import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG } from '../shared/config/app-config.provider';
import type { AppConfig } from '../shared/config/app-config';
import { systemClock } from '../shared/clock/clock';
import { PublicEventFeed } from '../event-feed/public-event-feed';
import { SubscriberStats } from '../event-feed/subscriber-stats';
import type { CloudEvent } from '../event-feed/cloud-event';
import { backoffDelayMs } from './backoff';
import type { Subscription } from './subscription';
import { SubscriptionRepository } from './subscription.repository';
import { signWebhook } from './webhook-signature';
import { sendWebhook } from './webhook-sender';

/** Events read per subscription per pass: delivery stays one event at a time, in order. */
const PAGE_SIZE = 50;

/**
 * Delivers every subscription's events, one at a time in global order, from its durable checkpoint, at least once.
 * A failure schedules the next attempt with back-off; `pauseAfterFailures` consecutive failures pause the
 * subscription (visible on GET /subscriptions/:id, resumed with POST /subscriptions/:id/resume). Time here is the
 * real clock, not the application's: receivers check `webhook-timestamp` against theirs, and back-off is a wait.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Webhooks');
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<void> | null = null;
  private stopped = false;
  /** Subscriptions being delivered now: a subscription is never delivered by two passes at once. */
  private readonly inFlight = new Set<string>();
  /** This process's name on the leases that keep other processes off the subscriptions it is delivering. */
  private readonly owner = randomUUID();

  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly feed: PublicEventFeed,
    private readonly stats: SubscriberStats,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    await this.pass;
  }

  /** One pass over the due subscriptions (also called by tests to make progress deterministic). */
  async deliverDue(): Promise<void> {
    const now = systemClock.now().getTime();
    const due = (await this.subscriptions.due(now)).filter((subscription) => !this.inFlight.has(subscription.id));
    // Settled, not all: a pass ends (and shutdown waits) only once every delivery it started has stopped.
    const outcomes = await Promise.allSettled(due.map((subscription) => this.deliverHeld(subscription)));
    const failure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failure !== undefined) throw failure.reason;
  }

  /** Delivers one subscription if this process gets its lease, then gives the lease up. */
  private async deliverHeld(subscription: Subscription): Promise<void> {
    // Marked before the first await, so an overlapping pass cannot start the same subscription.
    this.inFlight.add(subscription.id);
    try {
      if (!(await this.claim(subscription.id))) return;
      try {
        // Read again under the lease: another instance may have delivered (and moved the checkpoint) since `due`.
        const current = await this.subscriptions.get(subscription.id);
        if (current?.status === 'active' && current.nextAttemptAt <= systemClock.now().getTime()) await this.deliver(current);
      } finally {
        await this.subscriptions.release(subscription.id, this.owner);
      }
    } finally {
      this.inFlight.delete(subscription.id);
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.pass = this.deliverDue()
        .catch((error: unknown) => this.logger.error(`Webhook pass failed: ${String(error)}`))
        .finally(() => this.schedule());
    }, this.config.subscribers.feedPollMs);
  }

  /** A lease long enough for one attempt: after a crash, another process takes over once it lapses. */
  private claim(id: string): Promise<boolean> {
    const now = systemClock.now().getTime();
    return this.subscriptions.claim(id, this.owner, now, now + 2 * this.config.subscribers.webhooks.timeoutMs + 1000);
  }

  private async deliver(subscription: Subscription): Promise<void> {
    const filter = {
      ...(subscription.types.length > 0 ? { types: subscription.types } : {}),
      ...(subscription.country !== null ? { country: subscription.country } : {}),
    };
    const page = await this.feed.readPage(subscription.checkpoint, PAGE_SIZE, filter);
    let failures = subscription.consecutiveFailures;
    for (const event of page.items) {
      if (this.stopped || !(await this.claim(subscription.id))) return;
      if (!(await this.attempt(subscription, event, failures))) return;
      failures = 0;
    }
    if (page.lastPosition !== null && page.lastPosition !== subscription.checkpoint) {
      await this.subscriptions.advance(subscription.id, page.lastPosition);
    }
  }

  /** One attempt at one event; answers whether it was delivered. */
  private async attempt(subscription: Subscription, event: CloudEvent, failuresSoFar: number): Promise<boolean> {
    const { webhooks } = this.config.subscribers;
    const body = JSON.stringify(event);
    const timestamp = Math.floor(systemClock.now().getTime() / 1000);
    const secret = await this.subscriptions.secretOf(subscription.id);
    const attempt = (await this.subscriptions.attemptsAt(subscription.id, event.id)) + 1;
    const result = await sendWebhook(
      {
        url: subscription.url,
        body,
        headers: {
          'webhook-id': event.id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook(secret, event.id, timestamp, body),
        },
      },
      webhooks.timeoutMs,
      webhooks.allowedRanges,
    );
    const logged = {
      subscriptionId: subscription.id,
      eventId: event.id,
      eventType: event.type,
      position: event.position,
      attempt,
      attemptedAt: systemClock.now().toISOString(),
      outcome: result.ok ? ('delivered' as const) : ('failed' as const),
      statusCode: result.statusCode,
      error: result.error,
      durationMs: result.durationMs,
    };
    if (result.ok) {
      await this.subscriptions.recordDelivered(logged);
      this.stats.webhookDeliveriesSucceeded += 1;
      return true;
    }
    const failures = failuresSoFar + 1;
    const pause = failures >= webhooks.pauseAfterFailures;
    const nextAttemptAt = systemClock.now().getTime() + backoffDelayMs(failures, webhooks.backoffBaseMs, webhooks.backoffMaxMs);
    await this.subscriptions.recordFailed(
      logged,
      nextAttemptAt,
      pause ? `Paused after ${failures} consecutive failed deliveries (last: ${result.error ?? 'error'})` : null,
    );
    this.stats.webhookDeliveriesFailed += 1;
    if (pause) {
      this.stats.webhookSubscriptionsPaused += 1;
      this.logger.warn(`Subscription ${subscription.id} paused after ${failures} failed deliveries`);
    }
    return false;
  }
}
