import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { dumpProjection, InMemoryEventStore, SqliteProjector, type EventStore, type RecordedEvent } from '@app/infra';
import { migratePostgresProjection } from '@app/infra/projections/postgres/testing';
import { casesPostgresProjection } from '../cases.postgres-projection';
import { casesProjection } from '../cases.projection';
import { CASES_TABLES } from '../cases.schema';
import { recordCaseLog, type CaseAppend, type CaseProfile, type CaseStep, type DomainCases } from './domain-cases';

/**
 * The same case log in both read-model databases, for the tests that compare them: recorded in an event store,
 * projected into SQLite by the projector, and handed over as the recorded events for the PostgreSQL projection.
 */

const META = { actor: 'test', correlationId: 'corr', causationId: null, schemaVersion: 1 };

/** Appends a generated log's events to a store, case stream by case stream, with an event of another category after. */
export async function appendCases(store: EventStore, appends: readonly CaseAppend[]): Promise<void> {
  for (const { streamName, events, revisionBefore } of appends) {
    await store.appendToStream(
      streamName,
      events.map(({ type, data }) => ({ id: randomUUID(), type, data: data as unknown as Readonly<Record<string, unknown>>, metadata: META })),
      { expectedRevision: revisionBefore === null ? 'no-stream' : BigInt(revisionBefore) },
    );
  }
  await store.appendToStream('CountryPolicy-KH', [{ id: randomUUID(), type: 'CountryStatusChanged', data: {}, metadata: META }], {
    expectedRevision: 'any',
  });
}

/** A log projected into SQLite: its events (every category, in log order) and the projector's file. */
export interface ProjectedLog {
  readonly events: readonly RecordedEvent[];
  readonly sqlite: SqliteProjector;
  /** Closes the projector and deletes its file. */
  close(): Promise<void>;
}

/** Records the log through the domain, appends it, and catches the SQLite projector up in batches of `batchSize`. */
export async function projectIntoSqlite(
  domain: DomainCases,
  log: { profiles: readonly CaseProfile[]; steps: readonly CaseStep[] },
  batchSize = 1_000,
): Promise<ProjectedLog> {
  const store = new InMemoryEventStore();
  await appendCases(store, recordCaseLog(domain, log));
  const dir = mkdtempSync(join(tmpdir(), 'cases-both-'));
  const sqlite = SqliteProjector.open(join(dir, 'read-models.sqlite'), store, [casesProjection], { batchSize });
  try {
    await sqlite.catchUp();
  } catch (error) {
    await sqlite.close();
    throw error;
  }
  return {
    events: await store.readAll({ limit: 1_000_000 }),
    sqlite,
    close: async () => {
      await sqlite.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const dumpSqliteCases = (projected: ProjectedLog) => dumpProjection(projected.sqlite.database, casesProjection);

/**
 * The projection's tables in the suite's database, and the projector's checkpoint table (the dashboard reads it),
 * created once; `emptyPostgres` empties them between runs.
 */
export async function preparePostgres(pool: Pool): Promise<void> {
  await migratePostgresProjection(pool, casesPostgresProjection);
  await pool.query(
    `CREATE TABLE IF NOT EXISTS projection_checkpoints (projection text PRIMARY KEY, position text NOT NULL, updated_at text NOT NULL)`,
  );
}

export async function emptyPostgres(pool: Pool): Promise<void> {
  await pool.query(`TRUNCATE ${CASES_TABLES.join(', ')}, projection_checkpoints`);
}
