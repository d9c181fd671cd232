/** Durable projections over the global log: the generic engine (no Nest, no application code). */
export * from './projection';
export { SqliteProjector, type SqliteProjectorOptions } from './sqlite-projector';
export { migrateReadModels, PROJECTOR_MIGRATIONS } from './projection-schema';
export { dumpProjection } from './projection-dump';
export * from './prepared-statements';
export { asDomainEvent } from './domain-event';
export type { PostgresProjection, PostgresProjectionFold, ReadModelProjector, Sql } from './postgres/postgres-projection';
export { PostgresProjector, type PostgresProjectorOptions } from './postgres/postgres-projector';
export type { ProjectorOptions } from './projector-options';
