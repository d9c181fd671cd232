import type { PostgresMigration } from '@app/infra';

/** The component name of the webhook subscriptions in `schema_migrations`. */
export const SUBSCRIPTIONS_COMPONENT = 'webhook-subscriptions';

/**
 * The SQLite file's two tables (see SUBSCRIPTION_MIGRATIONS), in the database the event log shares with other
 * components, hence the `webhook_` prefix. Epoch milliseconds (next attempt, lease) are `bigint`; times the API
 * shows are `timestamptz`. Deleting a subscription cascades to its log in the same statement, so a delivery logged
 * concurrently cannot outlive it. A released migration is never edited.
 */
export const POSTGRES_SUBSCRIPTION_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'create-subscriptions-and-deliveries',
    up: `
      CREATE TABLE webhook_subscriptions (
        id                   text        PRIMARY KEY,
        url                  text        NOT NULL,
        types                jsonb       NOT NULL CHECK (jsonb_typeof(types) = 'array'),
        country              text,
        description          text,
        secret               text        NOT NULL,
        status               text        NOT NULL CHECK (status IN ('active', 'paused')),
        checkpoint           text,
        consecutive_failures integer     NOT NULL DEFAULT 0,
        next_attempt_at      bigint      NOT NULL DEFAULT 0,
        paused_reason        text,
        lease_owner          text,
        lease_until          bigint      NOT NULL DEFAULT 0,
        created_at           timestamptz NOT NULL,
        created_by           text        NOT NULL
      );
      CREATE TABLE webhook_deliveries (
        seq             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        subscription_id text        NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
        event_id        text        NOT NULL,
        event_type      text        NOT NULL,
        position        text        NOT NULL,
        attempt         integer     NOT NULL,
        attempted_at    timestamptz NOT NULL,
        outcome         text        NOT NULL CHECK (outcome IN ('delivered', 'failed')),
        status_code     integer,
        error           text,
        duration_ms     integer     NOT NULL
      );
      CREATE INDEX webhook_deliveries_by_subscription ON webhook_deliveries (subscription_id, seq);
      CREATE INDEX webhook_deliveries_by_event ON webhook_deliveries (subscription_id, event_id);
    `,
  },
];
