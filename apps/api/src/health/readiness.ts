import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@app/infra';
import { EVENT_STORE } from '../shared/event-store/event-store.providers';
import { LifecycleState } from '../shared/operations/lifecycle-state';
import { OPERATIONS_CONFIG, type OperationsConfig } from '../shared/operations/operations-config';
import { ReadModels } from '../shared/read-models/read-models.service';

/** Why the server is not ready (stable codes). */
export const NOT_READY_CODES = ['STARTING', 'SHUTTING_DOWN', 'EVENT_STORE_UNAVAILABLE', 'READ_MODELS_UNAVAILABLE', 'PROJECTION_LAGGING'] as const;
export type NotReadyCode = (typeof NOT_READY_CODES)[number];

export interface NotReadyReason {
  readonly code: NotReadyCode;
  readonly detail: string;
}

/** How long the store may take to answer the readiness read before it counts as unavailable. */
export const STORE_PROBE_TIMEOUT_MS = 2_000;

/**
 * Whether this instance can serve: start-up finished (stores open and migrated, register seeded), not shutting
 * down, the event store answers a read, and every projection within READY_MAX_PROJECTION_LAG events of the log.
 * Returns every reason it is not, so an operator sees them all at once.
 */
@Injectable()
export class Readiness {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(OPERATIONS_CONFIG) private readonly config: OperationsConfig,
    private readonly lifecycle: LifecycleState,
    private readonly readModels: ReadModels,
  ) {}

  async reasons(): Promise<NotReadyReason[]> {
    const reasons: NotReadyReason[] = [];
    if (!this.lifecycle.started) reasons.push({ code: 'STARTING', detail: 'Start-up (store migrations, register seed, first catch-up) is not finished' });
    if (this.lifecycle.shuttingDown) reasons.push({ code: 'SHUTTING_DOWN', detail: 'A shutdown signal was received; in-flight requests are finishing' });
    try {
      await withTimeout(this.store.lastPosition(), STORE_PROBE_TIMEOUT_MS);
    } catch (error) {
      reasons.push({ code: 'EVENT_STORE_UNAVAILABLE', detail: `The event store did not answer a read: ${messageOf(error)}` });
      return reasons;
    }
    try {
      const bound = this.config.readyMaxProjectionLag;
      for (const lag of await this.readModels.lag()) {
        if (lag.eventsBehind > bound) {
          const behind = `${lag.eventsBehind}${lag.eventsBehindCapped ? '+' : ''}`;
          reasons.push({ code: 'PROJECTION_LAGGING', detail: `Projection ${lag.name} is ${behind} events behind (bound ${bound})` });
        }
      }
    } catch (error) {
      reasons.push({ code: 'READ_MODELS_UNAVAILABLE', detail: `The read models cannot tell their lag: ${messageOf(error)}` });
    }
    return reasons;
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
