import type { DomainEvent } from '@app/domain';
import type { EventStore, NewEvent, RecordedEvent } from '../event-store/event-store.port';
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
    const pending = [...aggregate.getUncommittedEvents()];
    if (pending.length === 0) throw new Error(`Nothing to save on ${streamName}: the decision produced no event`);
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
    const result = await this.store.appendToStream(streamName, events, {
      expectedRevision: aggregate.revision ?? 'no-stream',
    });
    aggregate.commit();
    aggregate.markSaved?.(result.nextExpectedRevision);
    return { nextExpectedRevision: result.nextExpectedRevision, position: result.position, recordedAt: result.recordedAt };
  }
}

export function toDomainEvent<TEvent extends DomainEvent>(event: RecordedEvent): TEvent {
  return { type: event.type, data: event.data } as TEvent;
}
