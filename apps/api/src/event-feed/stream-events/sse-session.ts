import type { CloudEvent } from '../cloud-event';
import type { FeedFilter, FeedPage } from '../public-event-feed';

/** What a session writes to: an HTTP response, or any Node Writable in tests. */
export interface SseSink {
  write(chunk: string): boolean;
  end(): void;
  destroy(): void;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  removeListener(event: 'drain' | 'close', listener: () => void): unknown;
}

export interface SseSessionOptions {
  readonly heartbeatMs: number;
  readonly pollMs: number;
  readonly slowClientTimeoutMs: number;
  readonly pageSize: number;
}

export type SseEndReason = 'CLIENT_CLOSED' | 'SLOW_CONSUMER' | 'SHUTTING_DOWN';

type ReadPage = (after: string | null, limit: number, filter: FeedFilter) => Promise<FeedPage>;

/**
 * One Server-Sent Events stream: the public events after a position, each as `id: <position>`, `event: <type>`,
 * `data: <CloudEvent>`, then new ones as they are appended, with a heartbeat comment when idle. Back-pressure: after a
 * write the socket does not take, nothing more is written until it drains; a client that does not drain within
 * `slowClientTimeoutMs` is sent a `cut-off` event with the reason and the position to resume from, and is closed.
 */
export class SseSession {
  private closed = false;
  private lastSent: string | null;
  private wake: (() => void) | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private writing = false;
  readonly finished: Promise<SseEndReason>;
  private finish!: (reason: SseEndReason) => void;

  constructor(
    private readonly sink: SseSink,
    private readonly readPage: ReadPage,
    private readonly filter: FeedFilter,
    private position: string | null,
    private readonly options: SseSessionOptions,
    private readonly onEventSent: () => void = () => undefined,
  ) {
    this.lastSent = position;
    this.finished = new Promise((resolve) => (this.finish = resolve));
    sink.once('close', () => this.close('CLIENT_CLOSED'));
  }

  /** Streams until the client leaves, is cut off, or `stop` is called. */
  async run(): Promise<SseEndReason> {
    this.heartbeat = setInterval(() => {
      if (!this.writing && !this.closed) this.sink.write(': heartbeat\n\n');
    }, this.options.heartbeatMs);
    try {
      while (!this.closed) {
        const page = await this.readPage(this.position, this.options.pageSize, this.filter);
        for (const event of page.items) {
          if (this.closed) break;
          if (!(await this.send(event))) return this.finished;
        }
        if (this.closed) break;
        this.position = page.lastPosition ?? this.position;
        if (page.items.length === 0) await this.sleep(this.options.pollMs);
      }
    } catch {
      this.close('CLIENT_CLOSED');
    }
    return this.finished;
  }

  /** Ends the stream with a reason the client can read (server shutdown). */
  stop(reason: SseEndReason): void {
    if (this.closed) return;
    this.sink.write(cutOffEvent(reason, this.lastSent));
    this.sink.end();
    this.close(reason);
  }

  private async send(event: CloudEvent): Promise<boolean> {
    this.writing = true;
    const accepted = this.sink.write(`id: ${event.position}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    this.lastSent = event.position;
    this.onEventSent();
    if (!accepted && !(await this.drained())) {
      this.cutOffSlowClient();
      return false;
    }
    this.writing = false;
    return true;
  }

  private drained(): Promise<boolean> {
    return new Promise((resolve) => {
      const onDrain = () => done(true);
      const timer = setTimeout(() => done(false), this.options.slowClientTimeoutMs);
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.sink.removeListener('drain', onDrain);
        resolve(ok && !this.closed);
      };
      this.sink.once('drain', onDrain);
    });
  }

  private cutOffSlowClient(): void {
    if (this.closed) return;
    // Queued behind what the client has not read: a client that reads again sees why, then the end of the stream.
    this.sink.write(cutOffEvent('SLOW_CONSUMER', this.lastSent));
    this.sink.end();
    const sink = this.sink;
    setTimeout(() => sink.destroy(), 1000).unref();
    this.close('SLOW_CONSUMER');
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }

  private close(reason: SseEndReason): void {
    if (this.closed) return;
    this.closed = true;
    if (this.heartbeat !== null) clearInterval(this.heartbeat);
    this.wake?.();
    this.finish(reason);
  }
}

function cutOffEvent(reason: SseEndReason, resumeAfter: string | null): string {
  const detail =
    reason === 'SLOW_CONSUMER'
      ? 'The client did not read the stream fast enough; reconnect with Last-Event-ID to resume'
      : 'The server is shutting down; reconnect with Last-Event-ID to resume';
  return `event: cut-off\ndata: ${JSON.stringify({ reason, detail, resumeAfter })}\n\n`;
}
