/**
 * The event store: the port, its errors and its adapters.
 * The conformance suite (event-store.conformance.ts) is deliberately not exported: it registers Jest blocks and
 * is imported directly by the adapters' specs.
 */
export * from './event-store.port';
export * from './event-store.errors';
export { InMemoryEventStore, type InMemoryEventStoreOptions } from './in-memory/in-memory-event-store';
export { SqliteEventStore, MAX_GROUP_EVENTS, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { openDurableSqlite, SQLITE_BUSY_TIMEOUT_MS, type DurableSqliteOptions } from './sqlite/open-durable-sqlite';
export type { GroupCommitStats } from './group-commit-queue';
export { EVENT_STORE_MIGRATIONS, applyMigrations, type Migration } from './sqlite/sqlite-event-store.schema';
export { LogImportRefusedError, planImportPage, type ImportPlan, type ImportRow, type ImportState } from './log-import.rules';
export { eventHash, isEventHash, GENESIS_HASH, EVENT_HASH_SCHEME, type HashedEventFields } from './event-hash';
export * from './audit-seal';
export { PostgresEventStore, MAX_PG_GROUP_EVENTS, PG_LOCK_TIMEOUT_MS, type PostgresEventStoreOptions } from './postgres/postgres-event-store';
export { EsdbEventStore, EsdbCatchUpSubscription, type EsdbEventStoreOptions, type CheckpointStore } from './esdb';
