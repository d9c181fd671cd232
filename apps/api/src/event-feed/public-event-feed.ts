import { Inject, Injectable } from '@nestjs/common';
import { isPublicEventType, type EventStore, type Position } from '@app/infra';
import { APP_CONFIG } from '../shared/config/app-config.provider';
import type { AppConfig } from '../shared/config/app-config';
import { EVENT_STORE } from '../shared/event-store/event-store.providers';
import { toCloudEvent, type CloudEvent } from './cloud-event';

/** Which public events a consumer wants: empty lists mean every one. */
export interface FeedFilter {
  readonly types?: readonly string[];
  readonly subject?: string;
  /** Only events about this country: its register stream, and cases or runs whose data names it. */
  readonly country?: string;
}

export interface FeedPage {
  readonly items: CloudEvent[];
  /** The position to pass as `after` next time (the last event looked at, matching or not); null on an empty log. */
  readonly lastPosition: string | null;
}

/** Raw events examined per page at most, so a narrow filter on a long log costs a bounded read per request. */
const SCAN_BUDGET = 2000;
const READ_BATCH = 500;

/**
 * The public part of the global log, in commit order, as CloudEvents: the one reader behind GET /events, the SSE
 * stream and the webhook deliveries. Only types in the registry (EVENT_TYPES) are public; internal streams never
 * show. The store assigns positions in commit order, so reading after the last position seen never skips an event
 * committed later, nor repeats one.
 */
@Injectable()
export class PublicEventFeed {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  isPosition(token: string): token is Position {
    return this.store.isPosition(token);
  }

  async readPage(after: string | null, limit: number, filter: FeedFilter = {}): Promise<FeedPage> {
    const items: CloudEvent[] = [];
    let cursor = after;
    let scanned = 0;
    while (items.length < limit && scanned < SCAN_BUDGET) {
      const wanted = Math.min(READ_BATCH, SCAN_BUDGET - scanned);
      const batch = await this.store.readAll({ ...(cursor !== null ? { after: cursor as Position } : {}), limit: wanted });
      for (const event of batch) {
        scanned += 1;
        cursor = event.position;
        if (isPublicEventType(event.type) && matches(event.type, event.streamName, event.data, filter)) {
          items.push(toCloudEvent(event, this.config.subscribers.publicBaseUrl));
          if (items.length === limit) break;
        }
      }
      if (batch.length < wanted) break;
    }
    return { items, lastPosition: cursor };
  }

  /** The position of the newest event in the log (public or not). */
  async headPosition(): Promise<string | null> {
    return this.store.lastPosition();
  }
}

function matches(type: string, subject: string, data: Readonly<Record<string, unknown>>, filter: FeedFilter): boolean {
  if (filter.types !== undefined && filter.types.length > 0 && !filter.types.includes(type)) return false;
  if (filter.subject !== undefined && filter.subject !== subject) return false;
  if (filter.country !== undefined && !concernsCountry(subject, data, filter.country)) return false;
  return true;
}

/** A country's register stream, a run triggered by its change, or a case with a party in it. */
function concernsCountry(subject: string, data: Readonly<Record<string, unknown>>, country: string): boolean {
  if (subject === `CountryPolicy-${country}`) return true;
  const trigger = data.trigger as { countryCode?: unknown } | undefined;
  if (trigger?.countryCode === country) return true;
  const parties = data.parties as ReadonlyArray<{ country?: unknown }> | undefined;
  return Array.isArray(parties) && parties.some((party) => party.country === country);
}
