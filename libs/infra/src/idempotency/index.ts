/**
 * The idempotency store behind `Idempotency-Key`: the port, its adapters and the key and fingerprint rules.
 * The shared behaviour suite (testing/) is deliberately not exported: it registers Jest blocks.
 */
export * from './idempotency-store.port';
export { IDEMPOTENCY_KEY_PATTERN, canonicalJson, isValidIdempotencyKey, requestFingerprint } from './idempotency-key';
export { InMemoryIdempotencyStore } from './in-memory/in-memory-idempotency-store';
export { SqliteIdempotencyStore } from './sqlite/sqlite-idempotency-store';
export { PostgresIdempotencyStore } from './postgres/postgres-idempotency-store';
