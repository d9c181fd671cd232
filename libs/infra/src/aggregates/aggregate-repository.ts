import type { DomainEvent } from '@app/domain';
import type { EventStore, NewEvent, RecordedEvent, StreamAppend } from '../event-store/event-store.port';
import { schemaVersionOf } from '../serialization/event-type-registry';

/** Who acts and why: copied into every appended event's metadata. */
export interface CommandContext {
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: string | null;
}

export interface SaveResult {
  readonly nextExpectedRevision: bigint;
  readonly position: string;
  /** When the store recorded the events. */
  readonly recordedAt: string;
}

/** What the repository needs of an aggregate (structurally, every EventSourcedAggregate). */
export interface PersistableAggregate {
  readonly revision: bigint | null;
  rehydrate(history: readonly DomainEvent[], revision: bigint | null): void;
  getUncommittedEvents(): DomainEvent[];
  commit(): void;
  /** Told the stream's revision after a successful save, so the same instance can decide and save again. */
  markSaved?(revision: bigint): void;
}

/**
 * Loads aggregates from their stream and saves their uncommitted events with optimistic concurrency:
 * the append expects the revision the aggregate was loaded at, so two racing commands never both win
 * (the loser gets WrongExpectedVersionError and nothing of it is written).
 */
export class AggregateRepository {
  constructor(
    private readonly store: EventStore,
    private readonly newEventId: () => string,
  ) {}

  async load<TAggregate extends PersistableAggregate>(
    streamName: string,
    create: () => TAggregate,
    options: { readonly recordedUntil?: string } = {},
  ): Promise<{ aggregate: TAggregate; events: RecordedEvent[] }> {
    const events = await this.store.readStream(
      streamName,
      options.recordedUntil ? { recordedUntil: options.recordedUntil } : {},
    );
    const aggregate = create();
    const last = events.at(-1);
    aggregate.rehydrate(events.map(toDomainEvent), last ? last.revision : null);
    return { aggregate, events };
  }

  /**
   * Appends the aggregate's uncommitted events and then commits them (persist first, then `commit()`,
   * so nothing is published that was not stored). `eventIds` lets a caller make ids deterministic.
   */
  async save(
    streamName: string,
    aggregate: PersistableAggregate,
    context: CommandContext,
    eventIds?: readonly string[],
  ): Promise<SaveResult> {
    const append = this.pendingAppend(streamName, aggregate, context, eventIds);
    if (append === null) throw new Error(`Nothing to save on ${streamName}: the decision produced no event`);
    const result = await this.store.appendToStream(streamName, append.events, { expectedRevision: append.expectedRevision });
    return settle(aggregate, result);
  }

  /**
   * Saves several aggregates in ONE multi-stream append (one transaction where the store has them: see
   * `EventStore.appendToStreams`), in the order given; aggregates with nothing uncommitted are left out and answer
   * null. A stream not as expected throws WrongExpectedVersionError and, on a transactional store, nothing is saved.
   */
  async saveMany(entries: readonly SaveEntry[]): Promise<(SaveResult | null)[]> {
    const appends = entries.map((entry) => this.pendingAppend(entry.streamName, entry.aggregate, entry.context, entry.eventIds));
    const written = appends.filter((append): append is StreamAppend => append !== null);
    if (written.length === 0) return entries.map(() => null);
    const results = await this.store.appendToStreams(written);
    let next = 0;
    return entries.map((entry, index) => (appends[index] === null ? null : settle(entry.aggregate, results[next++])));
  }

  /** The append that would store the aggregate's uncommitted events, or null when it has none. */
  pendingAppend(
    streamName: string,
    aggregate: PersistableAggregate,
    context: CommandContext,
    eventIds?: readonly string[],
  ): StreamAppend | null {
    const pending = aggregate.getUncommittedEvents();
    if (pending.length === 0) return null;
    const events: NewEvent[] = pending.map((event, index) => ({
      id: eventIds?.[index] ?? this.newEventId(),
      type: event.type,
      data: event.data as Record<string, unknown>,
      metadata: {
        actor: context.actor,
        correlationId: context.correlationId,
        causationId: context.causationId,
        schemaVersion: schemaVersionOf(event.type),
      },
    }));
    return { streamName, events, expectedRevision: aggregate.revision ?? 'no-stream' };
  }
}

/** One aggregate of a {@link AggregateRepository.saveMany}. */
export interface SaveEntry {
  readonly streamName: string;
  readonly aggregate: PersistableAggregate;
  readonly context: CommandContext;
  readonly eventIds?: readonly string[];
}

/** After a successful append: the aggregate's events are committed and its expected revision moves on. */
function settle(aggregate: PersistableAggregate, result: { nextExpectedRevision: bigint; position: string; recordedAt: string }): SaveResult {
  aggregate.commit();
  aggregate.markSaved?.(result.nextExpectedRevision);
  return { nextExpectedRevision: result.nextExpectedRevision, position: result.position, recordedAt: result.recordedAt };
}

export function toDomainEvent<TEvent extends DomainEvent>(event: RecordedEvent): TEvent {
  return { type: event.type, data: event.data } as TEvent;
}
