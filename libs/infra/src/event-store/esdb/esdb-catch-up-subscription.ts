import { START, streamNameFilter, type AllStreamResolvedEvent, type SubscribeToAllOptions } from '@eventstore/db-client';
import type { Position, RecordedEvent } from '../event-store.port';
import { backoffDelay, type BackoffOptions } from './esdb-backoff';
import { decodeEsdbPosition } from './esdb-position';
import { fromEsdbEvent } from './esdb-recorded-event';
import { fromServerStream, streamNameRegex } from './esdb-stream-names';
import { streamCategory } from '../event-store.port';

/** Where a subscriber keeps the position of the last event it handled. */
export interface CheckpointStore {
  /** The last handled position, or `null` to start from the beginning of the log. */
  load(): Promise<Position | null>;
  save(position: Position): Promise<void>;
}

/** The part of the client a catch-up subscription uses (EventStoreDBClient has it). */
export interface SubscribeToAllClient {
  subscribeToAll(options: SubscribeToAllOptions): AsyncIterable<AllStreamResolvedEvent> & { unsubscribe(): Promise<void> };
}

export interface EsdbCatchUpSubscriptionOptions {
  readonly client: SubscribeToAllClient;
  readonly checkpoints: CheckpointStore;
  /** Awaited for each event, one at a time, in log order; a throw resubscribes from the last checkpoint. */
  readonly handler: (event: RecordedEvent) => Promise<void>;
  /** Only these categories (the text before the first `-` of the stream name). Default: every stream of the log. */
  readonly categories?: readonly string[];
  /** As given to EsdbEventStore: only streams with this prefix, named without it. Default none. */
  readonly streamPrefix?: string;
  readonly backoff?: BackoffOptions;
  /** Waits between resubscriptions; injected in tests. Default setTimeout. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Told of each drop or failure and the delay before the next attempt (for logs and metrics). */
  readonly onRetry?: (error: unknown, failures: number, delayMs: number) => void;
}

/**
 * A catch-up subscription to `$all` for the log's projections and reactors: from the stored checkpoint, filtered on
 * the server to the log's streams (and categories), each event handled in order and the checkpoint stored after it.
 * When the subscription drops, ends or the handler fails, it subscribes again from the checkpoint after an
 * exponential, capped, jittered back-off (reset by the next handled event). Delivery is at least once: an event
 * handled but not yet checkpointed when it drops is handled again.
 */
export class EsdbCatchUpSubscription {
  private stopped = false;
  /** Consecutive drops or failures without a handled event in between. */
  private failures = 0;
  private running: Promise<void> | undefined;
  private current: { unsubscribe(): Promise<void> } | undefined;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly regex: string;
  private readonly prefix: string;

  constructor(private readonly options: EsdbCatchUpSubscriptionOptions) {
    this.prefix = options.streamPrefix ?? '';
    if (options.categories?.length === 0) throw new RangeError('categories must name at least one category');
    this.regex = streamNameRegex(this.prefix, options.categories);
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Starts the subscription loop in the background. Calling it twice is a mistake. */
  start(): void {
    if (this.running !== undefined) throw new Error('The subscription is already started');
    this.running = this.loop();
  }

  /** Stops after the event being handled (if any) and resolves when the loop has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.current?.unsubscribe().catch(() => undefined);
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.runOnce();
        if (this.stopped) return;
        throw new Error('The subscription ended');
      } catch (error) {
        if (this.stopped) return;
        this.failures += 1;
        const delay = backoffDelay(this.failures, this.options.backoff);
        this.options.onRetry?.(error, this.failures, delay);
        await this.sleep(delay);
      }
    }
  }

  /** One subscription, from the stored checkpoint, until it ends or throws. */
  private async runOnce(): Promise<void> {
    const from = await this.options.checkpoints.load();
    const subscription = this.options.client.subscribeToAll({
      fromPosition: from === null ? START : decodeEsdbPosition(from),
      filter: streamNameFilter({ regex: this.regex }),
    });
    this.current = subscription;
    try {
      for await (const resolved of subscription) {
        if (this.stopped) break;
        const event = this.toOwnEvent(resolved);
        if (event === null) continue;
        await this.options.handler(event);
        await this.options.checkpoints.save(event.position);
        // Progress: the next drop starts the back-off over.
        this.failures = 0;
      }
    } finally {
      this.current = undefined;
    }
  }

  /** The server filters already; this check keeps a too-broad server filter from reaching the handler. */
  private toOwnEvent(resolved: AllStreamResolvedEvent): RecordedEvent | null {
    if (resolved.event === undefined) return null;
    const streamName = fromServerStream(this.prefix, resolved.event.streamId);
    if (streamName === null) return null;
    if (this.options.categories !== undefined && !this.options.categories.includes(streamCategory(streamName))) return null;
    return fromEsdbEvent(resolved.event, streamName)?.event ?? null;
  }
}
