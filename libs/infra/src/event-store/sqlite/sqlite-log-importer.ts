import type Database from 'better-sqlite3';
import type { LogImporter, RecordedEvent } from '../event-store.port';
import { LogImportRefusedError, planImportPage, type ImportPlan } from '../log-import.rules';
import type { EventStoreStatements } from './sqlite-event-store.statements';

/** The same triggers as the schema's migrations 1 and 3, put back after the one sanctioned change. */
const EVENTS_NO_UPDATE = `CREATE TRIGGER events_no_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;`;
const LOG_IDENTITY_NO_UPDATE = `CREATE TRIGGER log_identity_no_update BEFORE UPDATE ON log_identity
  BEGIN SELECT RAISE(ABORT, 'the log identity is fixed'); END;`;

interface LastEventRow {
  readonly stream_name: string;
  readonly stream_revision: bigint;
  readonly recorded_at: string;
  readonly batch_index: bigint;
}

/**
 * The SQLite store's {@link LogImporter}: one IMMEDIATE transaction per page, checked by the shared import rules.
 *
 * Two writes the schema's triggers otherwise forbid happen here, each with its trigger lifted inside the transaction
 * and put back before it commits (as migration 2 does): taking over another log's id while the log is still empty,
 * and growing the recorded size of an append whose events straddle two pages.
 */
export class SqliteLogImporter implements LogImporter {
  private readonly lastEvent;
  private readonly adopt: (logId: string) => void;
  private readonly importPage: (events: readonly RecordedEvent[]) => void;

  constructor(
    db: Database.Database,
    statements: EventStoreStatements,
    private readonly assertOpen: () => void,
    onAdopted: (logId: string) => void,
  ) {
    this.lastEvent = db
      .prepare<[], LastEventRow>(
        'SELECT stream_name, stream_revision, recorded_at, batch_index FROM events ORDER BY position DESC LIMIT 1',
      )
      .safeIntegers(true);
    const resize = db.prepare<[bigint, string, bigint]>(
      'UPDATE events SET batch_size = ? WHERE stream_name = ? AND stream_revision >= ?',
    );
    const count = db.prepare<[], { count: number }>('SELECT COUNT(*) AS count FROM events');
    const setLogId = db.prepare<[string]>('UPDATE log_identity SET log_id = ? WHERE singleton = 1');

    const adopt = db.transaction((logId: string) => {
      if (count.get()!.count > 0) throw new LogImportRefusedError('Cannot adopt another log id: this log already holds events');
      db.exec('DROP TRIGGER log_identity_no_update');
      setLogId.run(logId);
      db.exec(LOG_IDENTITY_NO_UPDATE);
    });
    this.adopt = (logId) => {
      adopt.immediate(logId);
      onAdopted(logId);
    };

    const importPage = db.transaction((events: readonly RecordedEvent[]) => {
      const plan = planImportPage(events, {
        streamHead: (streamName) => statements.streamHead.get(streamName) ?? null,
        isStored: (eventId) => statements.findById.get(eventId) !== undefined,
        lastEvent: this.lastStoredEvent(),
      });
      if (plan.resizeLastAppend !== null) {
        db.exec('DROP TRIGGER events_no_update');
        const { batchSize, streamName, fromRevision } = plan.resizeLastAppend;
        resize.run(BigInt(batchSize), streamName, fromRevision);
        db.exec(EVENTS_NO_UPDATE);
      }
      insertRows(statements, plan);
    });
    this.importPage = (events) => importPage.immediate(events);
  }

  async adoptLogId(logId: string): Promise<void> {
    this.assertOpen();
    // The schema holds 32 characters: the form SQLite itself generates, and a UUID without its dashes.
    if (!/^[0-9a-f]{32}$/.test(logId)) {
      throw new LogImportRefusedError(`Cannot adopt log id ${JSON.stringify(logId)}: this store keeps 32 lower-case hex digits`);
    }
    this.adopt(logId);
  }

  async importRecorded(events: readonly RecordedEvent[]): Promise<void> {
    this.assertOpen();
    if (events.length > 0) this.importPage(events);
  }

  private lastStoredEvent() {
    const row = this.lastEvent.get();
    if (row === undefined) return null;
    return { streamName: row.stream_name, revision: row.stream_revision, recordedAt: row.recorded_at, batchIndex: Number(row.batch_index) };
  }
}

function insertRows(statements: EventStoreStatements, plan: ImportPlan): void {
  for (const row of plan.rows) {
    statements.insert.run({
      event_id: row.id,
      stream_name: row.streamName,
      category: row.category,
      stream_revision: row.revision,
      batch_index: row.batchIndex,
      batch_size: row.batchSize,
      type: row.type,
      data: row.dataJson,
      metadata: row.metadataJson,
      recorded_at: row.recordedAt,
      hash: row.hash,
    });
  }
}
