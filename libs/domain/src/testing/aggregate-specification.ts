import type { DomainError } from '../kernel/domain-error';
import type { DomainEvent } from '../kernel/domain-event';

/**
 * Given/when/then for aggregates: given the recorded history, when a command method runs, then exactly
 * these events are produced (or this domain error, with its stable code, is thrown and nothing is).
 */
interface SpecifiedAggregate<TEvent extends DomainEvent> {
  rehydrate(history: readonly TEvent[], revision: bigint | null): void;
  getUncommittedEvents(): TEvent[];
}

type EventOf<TAggregate> = TAggregate extends SpecifiedAggregate<infer TEvent> ? TEvent : never;

export function givenAggregate<TAggregate extends SpecifiedAggregate<DomainEvent>>(
  create: () => TAggregate,
  history: readonly EventOf<TAggregate>[] = [],
) {
  const aggregate = create();
  aggregate.rehydrate(history, history.length === 0 ? null : BigInt(history.length - 1));
  return {
    when(act: (aggregate: TAggregate) => void) {
      let thrown: unknown = null;
      try {
        act(aggregate);
      } catch (error) {
        thrown = error;
      }
      const produced = [...aggregate.getUncommittedEvents()];
      return {
        aggregate,
        then(expected: readonly EventOf<TAggregate>[]): TAggregate {
          if (thrown !== null) throw thrown;
          expect(produced).toEqual(expected);
          return aggregate;
        },
        thenThrows(code: string, fields?: readonly string[]): DomainError {
          expect(thrown).not.toBeNull();
          const error = thrown as DomainError;
          expect(error.code).toBe(code);
          if (fields) expect(error.errors.map((e) => e.field)).toEqual(expect.arrayContaining([...fields]));
          expect(produced).toEqual([]);
          return error;
        },
      };
    },
  };
}
