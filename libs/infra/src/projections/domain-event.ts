import type { DomainEvent } from '@app/domain';
import type { RecordedEvent } from '../event-store/event-store.port';

/**
 * A recorded event as the domain event it is, or `null` for a type the reader does not know.
 *
 * Its fields are not checked again: the domain wrote every event of the log, checked against the public schemas,
 * and a change that is not additive gets a new type name (event-type-registry.ts). So a known type has the
 * domain's shape (an older event may lack a field added since, which the domain's type marks optional), and a
 * type the reader does not know (a newer build's) is ignored.
 */
export function asDomainEvent<TEvent extends DomainEvent>(
  recorded: RecordedEvent,
  knownTypes: ReadonlySet<TEvent['type']>,
): TEvent | null {
  return (knownTypes as ReadonlySet<string>).has(recorded.type) ? ({ type: recorded.type, data: recorded.data } as TEvent) : null;
}
