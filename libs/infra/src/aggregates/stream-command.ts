import type { DomainEvent } from '@app/domain';
import { WrongExpectedVersionError } from '../event-store/event-store.errors';
import type { RecordedEvent } from '../event-store/event-store.port';
import type { AggregateRepository, CommandContext, PersistableAggregate, SaveResult } from './aggregate-repository';

/** What a command sees of the stream it was decided on. */
export interface LoadedStream {
  /** The stream's events as loaded (empty for a new stream, or one started without loading). */
  readonly events: readonly RecordedEvent[];
  /** The stream's revision as loaded (its last event's), null for a new stream: the append's expected revision. */
  readonly revision: bigint | null;
  /** 1 on the first decision, 2 after the first lost race, and so on. */
  readonly attempt: number;
}

/**
 * One command on one stream, for {@link runStreamCommand}: the stream, the aggregate to fold it into, and the decision.
 * The decision calls the aggregate's methods (which decide with pure functions and fold their events); it may throw
 * (a domain refusal, a 404, a 412) and is called again, on the fresh stream, after a lost race.
 */
export interface StreamCommand<TAggregate extends PersistableAggregate, TResult> {
  readonly stream: string;
  /** A fresh aggregate, in its initial state, to fold the stream into. */
  create(): TAggregate;
  /**
   * The stream is known to be new (a fresh random id): skip the read and append with `no-stream`. A lost race is
   * then impossible short of an id collision, which fails as a conflict.
   */
  readonly newStream?: boolean;
  readonly context: CommandContext;
  decide(aggregate: TAggregate, loaded: LoadedStream): TResult;
  /** Ids for the decided events (deterministic ids make a retried append idempotent). Default: new random ids. */
  eventIds?(events: readonly DomainEvent[], loaded: LoadedStream): readonly string[];
  /** Decisions in all before a stream that keeps moving is given up on (the conflict is rethrown). Default 5. */
  readonly maxAttempts?: number;
  /** Told of a lost race before the retry; throwing stops there (e.g. If-Match no longer holds: 412). */
  onConflict?(error: WrongExpectedVersionError, loaded: LoadedStream): void;
}

/** What a command did: the aggregate after it (its state is the stream as stored), its result and the append. */
export interface StreamCommandOutcome<TAggregate, TResult> {
  readonly aggregate: TAggregate;
  readonly result: TResult;
  /** The append, or null when the decision produced no event (nothing was written). */
  readonly saved: SaveResult | null;
}

export const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * The one way a command runs on a stream: load (or start new), decide, append with the loaded revision as the
 * expected one, and on a lost race (WrongExpectedVersionError) decide again on the fresh stream. A decision with no
 * event appends nothing. Two racing commands therefore never both win, and the loser is decided on the winner's
 * state (so it fails on the aggregate's own rules rather than overwriting).
 */
export async function runStreamCommand<TAggregate extends PersistableAggregate, TResult>(
  repository: AggregateRepository,
  command: StreamCommand<TAggregate, TResult>,
): Promise<StreamCommandOutcome<TAggregate, TResult>> {
  const maxAttempts = command.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  for (let attempt = 1; ; attempt += 1) {
    const { aggregate, events } =
      command.newStream && attempt === 1
        ? { aggregate: command.create(), events: [] as RecordedEvent[] }
        : await repository.load(command.stream, () => command.create());
    const loaded: LoadedStream = { events, revision: events.at(-1)?.revision ?? null, attempt };
    const result = command.decide(aggregate, loaded);
    const pending = aggregate.getUncommittedEvents();
    if (pending.length === 0) return { aggregate, result, saved: null };
    try {
      const ids = command.eventIds?.(pending, loaded);
      const saved = await repository.save(command.stream, aggregate, command.context, ids);
      return { aggregate, result, saved };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      command.onConflict?.(error, loaded);
      if (attempt >= maxAttempts) throw error;
    }
  }
}
