import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { IdempotencyStore } from '@app/infra';
import { CLOCK, type Clock } from '../clock/clock';
import { IDEMPOTENCY_PURGE_INTERVAL_MS, IDEMPOTENCY_RETENTION_MS, IDEMPOTENCY_STORE } from './idempotency.constants';

/**
 * Retention of idempotency keys: purges the keys older than the retention period at start-up and then every
 * hour, and closes the store on shutdown.
 */
@Injectable()
export class IdempotencyStoreLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Idempotency');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.purge();
    this.timer = setInterval(() => void this.purge().catch((error: unknown) => this.logger.error(String(error))), IDEMPOTENCY_PURGE_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.store.close();
  }

  /** Removes the keys that completed, or were claimed and never completed, before the retention period. */
  async purge(): Promise<number> {
    const removed = await this.store.purge(new Date(this.clock.now().getTime() - IDEMPOTENCY_RETENTION_MS));
    if (removed > 0) this.logger.log(`Purged ${removed} expired idempotency key(s)`);
    return removed;
  }
}
