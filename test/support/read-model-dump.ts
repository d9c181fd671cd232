import path from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { dumpProjection, type Sql } from '@app/infra';
import { dumpPostgresProjection } from '@app/infra/projections/postgres/testing';
import {
  POSTGRES_READ_MODEL_PROJECTIONS,
  READ_MODEL_PROJECTIONS,
} from '../../apps/api/src/shared/read-models/read-models.database';
import type { ReadModels } from '../../apps/api/src/shared/read-models/read-models.service';
import { testStoreEnv, testStoreKind } from './test-store';

/** Every projection's rows, by projection name (`cases`, `reevaluations`), each table in a deterministic order. */
export type ReadModelDump = Record<string, Record<string, unknown[]>>;

function dumpSqlite(db: Database.Database): ReadModelDump {
  return Object.fromEntries(READ_MODEL_PROJECTIONS.map((projection) => [projection.name, dumpProjection(db, projection)]));
}

async function dumpPostgres(db: Sql): Promise<ReadModelDump> {
  const dump: ReadModelDump = {};
  for (const projection of POSTGRES_READ_MODEL_PROJECTIONS) dump[projection.name] = await dumpPostgresProjection(db, projection);
  return dump;
}

/** The rows a running server's read models hold, wherever they live (one snapshot). */
export function dumpServedReadModels(readModels: ReadModels): Promise<ReadModelDump> {
  return readModels.query({ sqlite: dumpSqlite, postgres: dumpPostgres });
}

/**
 * Runs `work` on the read-model database of a stopped server's data directory: its read-models.sqlite, or, on the
 * PostgreSQL test store, the database the directory's servers share.
 */
export async function onStoppedReadModels<T>(
  dataDir: string,
  work: { sqlite(db: Database.Database): T; postgres(db: Sql): Promise<T> },
): Promise<T> {
  if (testStoreKind() === 'sqlite') {
    const db = new Database(path.join(dataDir, 'read-models.sqlite'));
    try {
      return work.sqlite(db);
    } finally {
      db.close();
    }
  }
  return onPostgresReadModels((await testStoreEnv(dataDir)).EVENT_STORE!, work.postgres);
}

/** Runs `work` on a PostgreSQL database by URL, with one connection closed afterwards. */
export async function onPostgresReadModels<T>(url: string, work: (db: Sql) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The rows of a stopped server's read models (see {@link onStoppedReadModels}). */
export function dumpStoppedReadModels(dataDir: string): Promise<ReadModelDump> {
  return onStoppedReadModels(dataDir, { sqlite: dumpSqlite, postgres: dumpPostgres });
}

/** The rows of the read models in a PostgreSQL database. */
export function dumpPostgresReadModels(url: string): Promise<ReadModelDump> {
  return onPostgresReadModels(url, dumpPostgres);
}
