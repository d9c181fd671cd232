import type { Migration } from '../../event-store/sqlite/sqlite-event-store.schema';

/**
 * The idempotency store's schema, as numbered forward-only migrations in the store's own file (so its
 * `schema_migrations` table is its own key space, not the event store's). A released migration is never edited.
 *
 * Design notes on version 1:
 * - The primary key is (principal, scope, idempotency_key): keys never collide across callers or routes.
 * - `state` is 'in-flight' from the claim until the response is stored ('completed'); a released claim is deleted.
 * - `claim_token` tells a claim from the one that took it over after its lease, so the first cannot complete
 *   or release the second's.
 * - Times are ISO 8601 UTC text (`toISOString`, fixed width), so they compare as text.
 * - The CHECK keeps a completed row complete and an in-flight row free of a response.
 */
export const IDEMPOTENCY_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create-idempotency-keys',
    up: `
      CREATE TABLE idempotency_keys (
        principal        TEXT    NOT NULL,
        scope            TEXT    NOT NULL,
        idempotency_key  TEXT    NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
        fingerprint      TEXT    NOT NULL,
        state            TEXT    NOT NULL CHECK (state IN ('in-flight', 'completed')),
        claim_token      TEXT    NOT NULL,
        claimed_at       TEXT    NOT NULL,
        response_status  INTEGER CHECK (response_status BETWEEN 100 AND 599),
        response_headers TEXT    CHECK (response_headers IS NULL OR json_valid(response_headers)),
        response_body    TEXT    CHECK (response_body IS NULL OR json_valid(response_body)),
        completed_at     TEXT,
        PRIMARY KEY (principal, scope, idempotency_key),
        CHECK (
          (state = 'completed' AND response_status IS NOT NULL AND response_headers IS NOT NULL AND completed_at IS NOT NULL)
          OR (state = 'in-flight' AND response_status IS NULL AND response_headers IS NULL AND response_body IS NULL
              AND completed_at IS NULL)
        )
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX idempotency_keys_completed_at ON idempotency_keys (completed_at) WHERE state = 'completed';
      CREATE INDEX idempotency_keys_claimed_at ON idempotency_keys (claimed_at) WHERE state = 'in-flight';
    `,
  },
  // The identity of the event log the keys answered for (see IdempotencyStore.bindToLog).
  {
    version: 2,
    name: 'log-identity',
    up: `
      CREATE TABLE answered_log (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        log_id    TEXT    NOT NULL,
        bound_at  TEXT    NOT NULL
      ) STRICT;
    `,
  },
];
