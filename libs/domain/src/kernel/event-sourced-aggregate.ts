import { AggregateRoot } from '@nestjs/cqrs';
import type { DomainEvent } from './domain-event';
import { InvalidCommandError } from './domain-error';

/**
 * An `@nestjs/cqrs` AggregateRoot whose behaviour lives in pure functions: commands are decided by
 * `decide*` functions and state is folded by `evolve`. The class only keeps the folded state, the
 * stream revision it was loaded at, and the uncommitted events.
 *
 * Events are routed by their stable `type` to `evolve`, never by `constructor.name` (Nest's default),
 * which would break on plain objects read back from the store and under minification.
 */
export abstract class EventSourcedAggregate<TState, TEvent extends DomainEvent> extends AggregateRoot<TEvent> {
  private current: TState;
  private loadedRevision: bigint | null = null;

  protected constructor(
    initialState: TState,
    private readonly evolve: (state: TState, event: TEvent) => TState,
  ) {
    super();
    this.current = initialState;
  }

  get state(): TState {
    return this.current;
  }

  /** The stream revision the aggregate was loaded at (null for a new stream): the expected revision of its next append. */
  get revision(): bigint | null {
    return this.loadedRevision;
  }

  /** Rehydrates from recorded events; `revision` is the revision of the last one. */
  rehydrate(history: readonly TEvent[], revision: bigint | null): void {
    this.loadFromHistory([...history]);
    this.loadedRevision = revision;
  }

  /**
   * After its uncommitted events were stored: the stream is now at `revision`, which becomes the expected revision
   * of the next save. A long-lived instance (a re-evaluation run working batch after batch) thus never reloads.
   */
  markSaved(revision: bigint): void {
    this.loadedRevision = revision;
  }

  /** Applies the events a decision produced: they are folded now and kept as uncommitted until saved. */
  protected applyAll(events: readonly TEvent[]): void {
    for (const event of events) this.apply(event);
  }

  protected override getEventHandler<T extends TEvent>(_event: T): never {
    const handler = (applied: TEvent) => {
      this.current = this.evolve(this.current, applied);
    };
    return handler as never;
  }
}

/** A command addressed to another aggregate than the one it was given to (a caller's mistake). */
export function mismatchedTarget(field: string, given: string, expected: string): InvalidCommandError {
  return new InvalidCommandError('COMMAND_TARGET_MISMATCH', `The command's ${field} ${given} does not match the aggregate ${expected}`, [
    { field, message: `must be ${expected}` },
  ]);
}
