import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../../shared/config/app-config.provider';
import type { AppConfig } from '../../shared/config/app-config';
import { ProblemException } from '../../shared/http/problem';
import { SubscriberStats } from '../subscriber-stats';
import type { SseSession } from './sse-session';

const RETRY_AFTER_SECONDS = '5';

/**
 * The open SSE streams: admits a new one within the limits (per subscriber: 429; in all: 503, both with Retry-After)
 * and ends them all with a readable reason when the application shuts down (an open stream would hold it up).
 */
@Injectable()
export class StreamAdmission implements BeforeApplicationShutdown {
  private readonly open = new Map<SseSession, string>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly stats: SubscriberStats,
  ) {}

  /** @throws ProblemException 429 TOO_MANY_STREAMS or 503 STREAMS_EXHAUSTED */
  checkAdmission(subscriber: string): void {
    const { maxStreams, maxStreamsPerSubscriber } = this.config.subscribers.sse;
    const mine = [...this.open.values()].filter((owner) => owner === subscriber).length;
    if (mine >= maxStreamsPerSubscriber) {
      this.stats.streamsRefused += 1;
      throw new ProblemException(429, 'TOO_MANY_STREAMS', 'Too many streams',
        `At most ${maxStreamsPerSubscriber} concurrent streams per subscriber; close one or retry later`, [],
        { 'Retry-After': RETRY_AFTER_SECONDS });
    }
    if (this.open.size >= maxStreams) {
      this.stats.streamsRefused += 1;
      throw new ProblemException(503, 'STREAMS_EXHAUSTED', 'Stream capacity exhausted',
        'The server serves as many streams as it can; retry later, or pull GET /events meanwhile', [],
        { 'Retry-After': RETRY_AFTER_SECONDS });
    }
  }

  /** Tracks a session until it ends. */
  async track(subscriber: string, session: SseSession): Promise<void> {
    this.open.set(session, subscriber);
    this.stats.streamsOpen = this.open.size;
    this.stats.streamsOpened += 1;
    try {
      if ((await session.run()) === 'SLOW_CONSUMER') this.stats.streamsCutSlow += 1;
    } finally {
      this.open.delete(session);
      this.stats.streamsOpen = this.open.size;
    }
  }

  beforeApplicationShutdown(): void {
    for (const session of this.open.keys()) session.stop('SHUTTING_DOWN');
  }
}
