/**
 * A domain event as decisions produce it: a stable, registry-owned `type` and a payload of primitives,
 * ISO strings and plain objects or arrays of them (so ten-year-old events still deserialise).
 * Ids, actor and correlation metadata are added by the application when it appends.
 */
export interface DomainEvent<TType extends string = string, TData = unknown> {
  readonly type: TType;
  readonly data: TData;
}
