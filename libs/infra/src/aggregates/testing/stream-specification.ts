import type { DomainEvent } from '@app/domain';
import { InMemoryEventStore } from '../../event-store/in-memory/in-memory-event-store';
import type { EventStore, RecordedEvent } from '../../event-store/event-store.port';
import { schemaVersionOf } from '../../serialization/event-type-registry';
import { AggregateRepository, toDomainEvent, type CommandContext } from '../aggregate-repository';

/** Who recorded the history a specification starts from (and a rival writer's events). */
export const GIVEN_CONTEXT: CommandContext = { actor: 'given-history', correlationId: 'given', causationId: null };

/**
 * Given/when/then for command handlers over the in-memory store, as `givenAggregate` is for deciders: given the
 * streams' recorded events, when the command runs (through the real repository and store), then exactly these new
 * events are appended, or this error is thrown and nothing is. `rivalBeforeNextAppend` lets another writer win the
 * race between the command's load and its append.
 */
export class StreamSpecification {
  readonly store = new InMemoryEventStore();
  /** The repository handlers under test are given: its appends first let a queued rival write. */
  readonly repository: AggregateRepository;
  private readonly rivals: Array<() => Promise<unknown>> = [];
  /** Ids of the events written by `given` (and so by rivals), which are not the command's. */
  private readonly givenIds = new Set<string>();
  private ids = 0;

  constructor() {
    this.repository = new AggregateRepository(racing(this.store, this.rivals), () => this.nextId());
  }

  /** Ids in sequence (`…-000000000001`, `…-000000000002`…), for the repository and the given history. */
  nextId(): string {
    this.ids += 1;
    return `00000000-0000-4000-8000-${String(this.ids).padStart(12, '0')}`;
  }

  /** Appends `events` to `stream` as already recorded history; answers the whole stream as stored. */
  async given(stream: string, events: readonly DomainEvent[], context: CommandContext = GIVEN_CONTEXT): Promise<RecordedEvent[]> {
    if (events.length > 0) {
      const revision = await this.store.streamRevision(stream);
      const recorded = events.map((event) => ({
        id: this.nextId(),
        type: event.type,
        data: event.data as Record<string, unknown>,
        metadata: { ...context, schemaVersion: schemaVersionOf(event.type) },
      }));
      for (const { id } of recorded) this.givenIds.add(id);
      await this.store.appendToStream(stream, recorded, { expectedRevision: revision ?? 'no-stream' });
    }
    return this.store.readStream(stream);
  }

  /** The next append through {@link repository} first runs `rival` (typically a `given` on the same stream). */
  rivalBeforeNextAppend(rival: () => Promise<unknown>): void {
    this.rivals.push(rival);
  }

  /** Runs the command and collects what it appended (the events of `given` and of rivals left out). */
  async when<TResult>(act: () => Promise<TResult>): Promise<CommandOutcome<TResult>> {
    const before = await this.store.lastPosition();
    let outcome: { failed: false; result: TResult } | { failed: true; error: unknown };
    try {
      outcome = { failed: false, result: await act() };
    } catch (error) {
      outcome = { failed: true, error };
    }
    const written = await this.store.readAll({ ...(before === null ? {} : { after: before }), limit: 10_000 });
    return new CommandOutcome(outcome, written.filter((event) => !this.givenIds.has(event.id)));
  }
}

/** What a command did: its result or error, and the events it appended, as stored. */
export class CommandOutcome<TResult> {
  constructor(
    private readonly outcome: { failed: false; result: TResult } | { failed: true; error: unknown },
    readonly appended: readonly RecordedEvent[],
  ) {}

  /**
   * The command succeeded and appended exactly `expected` (types and data, in order); answers its result. (Not
   * named `then`: an outcome with a `then` method would be taken for a promise by the `await` that yields it.)
   */
  thenAppends(expected: readonly DomainEvent[]): TResult {
    if (this.outcome.failed) throw this.outcome.error;
    expect(this.appended.map((event) => toDomainEvent(event))).toEqual(expected);
    return this.outcome.result;
  }

  /** The command failed with an error whose `code` is `code` (a domain error, a problem, a conflict) and appended nothing. */
  thenThrows(code: string): unknown {
    if (!this.outcome.failed) {
      throw new Error(`Expected the command to fail with ${code}, but it succeeded and appended ${this.appended.length} event(s)`);
    }
    expect(this.outcome.error).toMatchObject({ code });
    expect(this.appended).toEqual([]);
    return this.outcome.error;
  }
}

/** The store, whose appends first let the next queued rival write (so the rival wins the race). */
function racing(store: EventStore, rivals: Array<() => Promise<unknown>>): EventStore {
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (property !== 'appendToStream' && property !== 'appendToStreams') return method.bind(target);
      return async (...args: unknown[]) => {
        await rivals.shift()?.();
        return method.apply(target, args);
      };
    },
  });
}
