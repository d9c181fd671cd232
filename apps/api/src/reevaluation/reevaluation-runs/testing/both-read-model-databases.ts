import Database from 'better-sqlite3';
import type { Pool } from 'pg';
import { migrateReadModels, openPostgresPool, streamCategory, type RecordedEvent } from '@app/infra';
import type { TestDatabase } from '@app/infra/postgres/testing/postgres-test-database';
import { migratePostgresProjection, projectPostgresBatch } from '@app/infra/projections/postgres/testing/postgres-projection-driver';
import type { ReadModelQuery } from '../../../shared/read-models/read-model-query';
import { reevaluationsPostgresProjection } from '../reevaluations.postgres-projection';
import { reevaluationsProjection } from '../reevaluations.projection';

/** The `reevaluations` read model projected from one log into SQLite and into PostgreSQL, to ask both the same. */
export interface BothReadModelDatabases {
  readonly sqlite: Database.Database;
  readonly postgres: Pool;
  /** The query's answer from SQLite, after checking PostgreSQL answers the same. */
  same<T>(query: ReadModelQuery<T>): Promise<T>;
  close(): Promise<void>;
}

export async function projectIntoBoth(database: TestDatabase, log: readonly RecordedEvent[]): Promise<BothReadModelDatabases> {
  const sqlite = new Database(':memory:');
  migrateReadModels(sqlite, [reevaluationsProjection], () => new Date('2026-01-05T09:00:00.000Z'));
  const fold = reevaluationsProjection.fold!(sqlite);
  fold.add(log.filter((event) => reevaluationsProjection.categories!.includes(streamCategory(event.streamName))));
  sqlite.transaction(() => fold.write())();

  const postgres = await openPostgresPool(database.url, { max: 2 });
  await migratePostgresProjection(postgres, reevaluationsPostgresProjection);
  await projectPostgresBatch(postgres, reevaluationsPostgresProjection, log);
  return {
    sqlite,
    postgres,
    async same<T>(query: ReadModelQuery<T>): Promise<T> {
      const expected = query.sqlite(sqlite);
      expect(await query.postgres(postgres)).toEqual(expected);
      return expected;
    },
    async close() {
      sqlite.close();
      await postgres.end();
    },
  };
}
