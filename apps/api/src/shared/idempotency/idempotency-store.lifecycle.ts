import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { EventStore, IdempotencyStore } from '@app/infra';
import { CLOCK, type Clock } from '../clock/clock';
import { EVENT_STORE } from '../event-store/event-store.providers';
import { ReadModels } from '../read-models/read-models.service';
import { IDEMPOTENCY_PURGE_INTERVAL_MS, IDEMPOTENCY_RETENTION_MS, IDEMPOTENCY_STORE } from './idempotency.constants';

/**
 * Ties the keys to the event log at start-up (keys answered for another log are forgotten, with a warning), and
 * their retention: purges the keys older than the retention period at start-up and then every
 * hour, and closes the store on shutdown.
 */
@Injectable()
export class IdempotencyStoreLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Idempotency');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    readModels: ReadModels,
  ) {
    // The read models notice first when the log went back (their checkpoints are beyond its head): answers stored
    // since may name writes the restored log never had, so the keys go too.
    readModels.onDivergence(async () => {
      const forgotten = await this.store.forgetAll();
      if (forgotten > 0) this.logger.warn(`Forgot ${forgotten} idempotency key(s): the event log is not the one they answered for`);
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const logId = await this.eventStore.logId();
    const forgotten = await this.store.bindToLog(logId);
    if (forgotten > 0) {
      this.logger.warn(
        `Forgot ${forgotten} idempotency key(s) recorded for another event log (this one is ${logId}): ` +
          'their stored answers name cases that log holds, not this one',
      );
    }
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
