import type { PostgresMigration } from '../../postgres/postgres-migrations';

/** The migration component of the projector's own tables (each projection's is `read-model:<name>`). */
export const PROJECTOR_COMPONENT = 'projector';

/** The migration component of a projection's tables. */
export function readModelComponent(name: string): string {
  return `read-model:${name}`;
}

/**
 * The projector's own tables, with the columns of their SQLite twins (PROJECTOR_MIGRATIONS): positions and instants
 * are kept as the text the SQLite projector stores, so both compare equal.
 */
export const POSTGRES_PROJECTOR_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'create-checkpoints',
    up: `
      CREATE TABLE projection_checkpoints (
        projection text PRIMARY KEY,
        position   text NOT NULL,
        updated_at text NOT NULL
      )`,
  },
  // The identity of the event log the rows were projected from (EventStore.logId), so read models built from
  // another log are noticed and rebuilt instead of served.
  {
    version: 2,
    name: 'log-identity',
    up: `
      CREATE TABLE projected_log (
        singleton   integer PRIMARY KEY CHECK (singleton = 1),
        log_id      text    NOT NULL,
        recorded_at text    NOT NULL
      )`,
  },
];
