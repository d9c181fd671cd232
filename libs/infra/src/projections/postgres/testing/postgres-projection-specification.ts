import type { Pool } from 'pg';
import type { RecordedEvent } from '../../../event-store/event-store.port';
import { TestSchemas } from '../../../event-store/postgres/testing/postgres-test-schema';
import { openPostgresPool } from '../../../postgres/postgres-pool';
import { postgresSkipReason, postgresTestUrl } from '../../../postgres/testing/postgres-test-database';
import { SpecificationLog, type SpecifiedEvent } from '../../testing/projection-specification';
import type { PostgresProjection, Sql } from '../postgres-projection';
import { dumpPostgresProjection, migratePostgresProjection, projectPostgresBatch } from './postgres-projection-driver';

/** What the rows must be: some tables' rows (each row matched on the columns given), or an assertion on the database. */
export type PostgresExpectedRows = Readonly<Record<string, readonly object[]>> | ((db: Sql) => void | Promise<void>);

/**
 * Given/when/then for a PostgreSQL projection, as {@link projectionSpecification} for a SQLite one (the same
 * events, recorded by the same rules): given the events already projected, when these events arrive, then its
 * tables hold these rows.
 *
 * Each step is one batch through the projection's fold, written in one transaction, over a fresh schema migrated
 * as the projector migrates it (dropped afterwards). Only the events of the projection's categories reach it.
 * The same event object passed again is that recorded event delivered again, as a replay would deliver it.
 *
 * @param databaseUrl the database to create the schemas in (e.g. `describeWithPostgres`'s); by default the test
 *   server's database.
 */
export function postgresProjectionSpecification(projection: PostgresProjection, databaseUrl: () => string = defaultDatabaseUrl) {
  return {
    given(given: readonly SpecifiedEvent[] = []) {
      return {
        when(when: readonly SpecifiedEvent[]) {
          const run = async (check: (db: Pool, before: Record<string, unknown[]>) => Promise<void>): Promise<void> => {
            const schemas = new TestSchemas(databaseUrl);
            try {
              const schema = await schemas.create();
              let pool: Pool | null = null;
              try {
                pool = await openPostgresPool(schema.url, { max: 2 });
                await migratePostgresProjection(pool, projection);
                const log = new SpecificationLog();
                await project(pool, projection, given.map((event) => log.record(event)));
                const before = await dumpPostgresProjection(pool, projection);
                await project(pool, projection, when.map((event) => log.record(event)));
                await check(pool, before);
              } finally {
                await pool?.end();
                await schema.drop();
              }
            } finally {
              await schemas.end();
            }
          };
          return {
            then(expected: PostgresExpectedRows): Promise<void> {
              return run(async (db) => {
                if (typeof expected === 'function') return expected(db);
                const rows = await dumpPostgresProjection(db, projection);
                for (const [table, expectedRows] of Object.entries(expected)) {
                  if (!(table in rows)) throw new Error(`${projection.name} owns no table ${table}`);
                  expect({ [table]: rows[table] }).toMatchObject({ [table]: expectedRows });
                }
              });
            },
            /** The events change no row of any of the projection's tables. */
            thenNothingChanges(): Promise<void> {
              return run(async (db, before) => expect(await dumpPostgresProjection(db, projection)).toEqual(before));
            },
          };
        },
      };
    },
  };
}

function defaultDatabaseUrl(): string {
  const url = postgresTestUrl();
  if (url === null) throw new Error(`No PostgreSQL for this specification: ${postgresSkipReason()}`);
  return url;
}

/** One batch, as the projector writes it (a step without events writes nothing). */
async function project(pool: Pool, projection: PostgresProjection, events: readonly RecordedEvent[]): Promise<void> {
  if (events.length === 0) return;
  await projectPostgresBatch(pool, projection, events);
}
