import type Database from 'better-sqlite3';
import type { Migration } from '../event-store/sqlite/sqlite-event-store.schema';
import type { Projection } from './projection';

/**
 * The read-model database's schema: the projector's own tables plus each projection's numbered migrations.
 *
 * Migrations are recorded per projection in `projection_migrations (projection, version)`, a key space apart from
 * the event store's `schema_migrations`, so a projection can be added, or its schema changed, without touching
 * another's. The projector's own tables are recorded the same way under the reserved name {@link ENGINE}.
 * A migration, once released, is never edited. A migration that changes what `apply` writes should also delete
 * the projection's rows and its checkpoint row, so the projection is replayed from the start on the next catch-up
 * (rows left in place would make their per-row guards skip the replayed events).
 */

/** The reserved projection name under which the projector records its own migrations. */
export const ENGINE = '$projector';

export const PROJECTOR_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create-checkpoints',
    up: `
      CREATE TABLE projection_checkpoints (
        projection TEXT PRIMARY KEY,
        position   TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `,
  },
  // The identity of the event log the rows were projected from (EventStore.logId), so a file built from another
  // log is noticed and rebuilt instead of served.
  {
    version: 2,
    name: 'log-identity',
    up: `
      CREATE TABLE projected_log (
        singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
        log_id      TEXT    NOT NULL,
        recorded_at TEXT    NOT NULL
      ) STRICT;
    `,
  },
];

/**
 * Brings the projector's tables and every projection's tables up to date, in one IMMEDIATE transaction (a second
 * process opening the same file waits, then finds the work done). Refuses a file that records a migration this
 * build does not know for one of its projections (written by a newer build) or under another name.
 *
 * @returns the migrations applied by this call, as `projection@version`.
 */
export function migrateReadModels(db: Database.Database, projections: readonly Projection[], now: () => Date): string[] {
  const lists: Array<[string, readonly Migration[]]> = [[ENGINE, PROJECTOR_MIGRATIONS], ...projections.map((p) => [p.name, p.migrations] as [string, readonly Migration[]])];
  for (const [name, migrations] of lists) assertWellFormed(name, migrations);
  const migrate = db.transaction((): string[] => {
    db.exec(`
      CREATE TABLE IF NOT EXISTS projection_migrations (
        projection TEXT    NOT NULL,
        version    INTEGER NOT NULL,
        name       TEXT    NOT NULL,
        applied_at TEXT    NOT NULL,
        PRIMARY KEY (projection, version)
      ) STRICT`);
    const recorded = db.prepare<[string], { version: number; name: string }>(
      'SELECT version, name FROM projection_migrations WHERE projection = ? ORDER BY version',
    );
    const record = db.prepare<[string, number, string, string]>(
      'INSERT INTO projection_migrations (projection, version, name, applied_at) VALUES (?, ?, ?, ?)',
    );
    const applied: string[] = [];
    for (const [projection, migrations] of lists) {
      const done = new Set<number>();
      for (const row of recorded.all(projection)) {
        const known = migrations.find((migration) => migration.version === row.version);
        if (known === undefined) {
          throw new Error(`Read models record migration ${row.version} (${row.name}) of ${projection}, unknown to this build`);
        }
        if (known.name !== row.name) {
          throw new Error(`Migration ${row.version} of ${projection} is recorded as ${row.name}, but this build calls it ${known.name}`);
        }
        done.add(row.version);
      }
      for (const migration of migrations) {
        if (done.has(migration.version)) continue;
        db.exec(migration.up);
        record.run(projection, migration.version, migration.name, now().toISOString());
        applied.push(`${projection}@${migration.version}`);
      }
    }
    return applied;
  });
  return migrate.immediate();
}

function assertWellFormed(projection: string, migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migration #${index} of ${projection} has version ${migration.version}; versions must be 1, 2, 3, …`);
    }
  });
  if (new Set(migrations.map((migration) => migration.name)).size !== migrations.length) {
    throw new Error(`Migration names of ${projection} must be unique`);
  }
}
