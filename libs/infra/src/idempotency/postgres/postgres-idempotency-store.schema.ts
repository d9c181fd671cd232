import type { PostgresMigration } from '../../postgres/postgres-migrations';

/** The component name of the idempotency keys in `schema_migrations`. */
export const IDEMPOTENCY_COMPONENT = 'idempotency';

/**
 * The idempotency keys in PostgreSQL: the SQLite store's tables (see sqlite-idempotency-store.schema.ts for the
 * design notes), with PostgreSQL types. A released migration is never edited.
 * - Times are `timestamptz` (microseconds: a JavaScript Date, in milliseconds, comes back unchanged).
 * - The body stays `text`, not `jsonb`, so a replay sends the first response's bytes, key order included; the cast
 *   in the CHECK refuses text that is not JSON.
 */
export const POSTGRES_IDEMPOTENCY_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'create-idempotency-keys',
    up: `
      CREATE TABLE idempotency_keys (
        principal        text        NOT NULL,
        scope            text        NOT NULL,
        idempotency_key  text        NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
        fingerprint      text        NOT NULL,
        state            text        NOT NULL CHECK (state IN ('in-flight', 'completed')),
        claim_token      text        NOT NULL,
        claimed_at       timestamptz NOT NULL,
        response_status  integer     CHECK (response_status BETWEEN 100 AND 599),
        response_headers jsonb       CHECK (response_headers IS NULL OR jsonb_typeof(response_headers) = 'object'),
        response_body    text        CHECK (response_body IS NULL OR response_body::jsonb IS NOT NULL),
        completed_at     timestamptz,
        PRIMARY KEY (principal, scope, idempotency_key),
        CHECK (
          (state = 'completed' AND response_status IS NOT NULL AND response_headers IS NOT NULL AND completed_at IS NOT NULL)
          OR (state = 'in-flight' AND response_status IS NULL AND response_headers IS NULL AND response_body IS NULL
              AND completed_at IS NULL)
        )
      );
      CREATE INDEX idempotency_keys_completed_at ON idempotency_keys (completed_at) WHERE state = 'completed';
      CREATE INDEX idempotency_keys_claimed_at ON idempotency_keys (claimed_at) WHERE state = 'in-flight';
      CREATE TABLE idempotency_answered_log (
        singleton integer     PRIMARY KEY CHECK (singleton = 1),
        log_id    text        NOT NULL,
        bound_at  timestamptz NOT NULL
      );
    `,
  },
];
