import type { PostgresMigration } from '../../postgres/postgres-migrations';

/** The component name under which the event store's migrations are recorded in `schema_migrations`. */
export const EVENT_STORE_COMPONENT = 'event-store';

/**
 * The PostgreSQL event store's schema, as numbered forward-only migrations (never edit a released one: append).
 *
 * Design notes on version 1:
 * - `log_head` is one row that every writing transaction locks `FOR UPDATE` first. It holds the last position, the
 *   last `recordedAt` and the log id; positions are assigned from it inside the transaction, so writers take turns
 *   and commit in position order: a reader can never see position N+1 while N is still uncommitted (a plain
 *   sequence hands numbers out at INSERT time and lets a later number commit first, which a reader checkpointing
 *   the highest position it saw would then skip for ever). The lock is held from the first statement to COMMIT
 *   only, and group commit folds many appends of a process into one such transaction.
 * - `data` and `metadata` are `text`, not `jsonb`: the per-event hash covers the exact JSON text, and jsonb would
 *   reorder keys and normalise numbers. A CHECK still refuses text that is not JSON.
 * - `recorded_at` is the `toISOString()` text that was hashed; in that one form text order is time order, so
 *   "the stream as recorded at T" compares text.
 * - The stream's revision is the highest `stream_revision`, answered by the UNIQUE (stream_name, stream_revision)
 *   index with one seek; that index is also the last line of defence against two writers computing one revision.
 * - `batch_index` / `batch_size` tell an idempotent retry apart from a replay of part of a batch (append rules).
 * - `(category, position)` makes a category read an ordered index range scan.
 * - Events are append-only: triggers refuse UPDATE, DELETE and TRUNCATE (the audit trail is tamper-evident at the
 *   storage layer; a retention feature must lift this in its own migration).
 * - The log's identity lives in the same row: written once, when the schema is created, and changeable only while
 *   the log holds no event (so an empty store can adopt the id of a log copied into it), never afterwards.
 */
export const POSTGRES_EVENT_STORE_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'create-events',
    up: `
      CREATE TABLE events (
        position        bigint  PRIMARY KEY CHECK (position > 0),
        event_id        text    NOT NULL UNIQUE,
        stream_name     text    NOT NULL,
        category        text    NOT NULL,
        stream_revision bigint  NOT NULL CHECK (stream_revision >= 0),
        batch_index     integer NOT NULL CHECK (batch_index >= 0),
        batch_size      integer NOT NULL CHECK (batch_size > batch_index),
        type            text    NOT NULL,
        data            text    NOT NULL CHECK (data::jsonb IS NOT NULL),
        metadata        text    NOT NULL CHECK (metadata::jsonb IS NOT NULL),
        recorded_at     text    NOT NULL,
        hash            text    NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
        UNIQUE (stream_name, stream_revision)
      );
      CREATE INDEX events_category_position ON events (category, position);

      CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'events are append-only'; END $$;
      CREATE TRIGGER events_no_update_or_delete BEFORE UPDATE OR DELETE ON events
        FOR EACH ROW EXECUTE FUNCTION events_append_only();
      CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
        FOR EACH STATEMENT EXECUTE FUNCTION events_append_only();

      CREATE TABLE log_head (
        singleton        boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        log_id           text    NOT NULL CHECK (length(log_id) BETWEEN 1 AND 128),
        last_position    bigint  NOT NULL DEFAULT 0 CHECK (last_position >= 0),
        last_recorded_at text,
        created_at       timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO log_head (log_id) VALUES (replace(gen_random_uuid()::text, '-', ''));

      CREATE FUNCTION log_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'the log head cannot be deleted'; END IF;
          IF NEW.log_id <> OLD.log_id AND OLD.last_position <> 0 THEN
            RAISE EXCEPTION 'the log identity is fixed once the log holds events';
          END IF;
          RETURN NEW;
        END $$;
      CREATE TRIGGER log_head_guard BEFORE UPDATE OR DELETE ON log_head
        FOR EACH ROW EXECUTE FUNCTION log_head_guard();
    `,
  },
];
