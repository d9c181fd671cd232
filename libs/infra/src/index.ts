/** Infrastructure adapters behind ports. Nothing here imports from apps/. */
export * from './event-store';
export * from './aggregates/aggregate-repository';
export * from './aggregates/stream-command';
export * from './serialization/event-type-registry';
export * from './serialization/public-event-schemas';
export * from './projections';
export * from './idempotency';
export * from './audit';
export * from './event-store/sqlite/sqlite-integrity';
export * from './postgres';
export * from './leases';
