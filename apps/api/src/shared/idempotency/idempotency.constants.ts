/** The store of `Idempotency-Key` records (an `IdempotencyStore`). */
export const IDEMPOTENCY_STORE = Symbol('IDEMPOTENCY_STORE');

/** How long a claimed key refuses a concurrent retry (409) before a retry may run the request again. */
export const IDEMPOTENCY_LEASE_MS = 60_000;

/** How long a completed key is kept, and replayed, at least. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

/** How often expired keys are purged while the server runs (they are also purged at start-up). */
export const IDEMPOTENCY_PURGE_INTERVAL_MS = 60 * 60 * 1000;

/** The request header, and the response header that marks a replayed response. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

/** The response headers stored with a completed key and sent again on replay. */
export const REPLAYED_RESPONSE_HEADERS = ['Location', 'ETag', 'Content-Type'] as const;
