import type { ClientBase, PoolClient } from 'pg';
import type { LogImporter, RecordedEvent } from '../event-store.port';
import { LogImportRefusedError, planImportPage, type ImportLastEvent, type ImportPlan } from '../log-import.rules';
import {
  advanceHead,
  findByIds,
  findStreamHeads,
  insertEvents,
  lockHead,
  SQL,
  type EventInsert,
  type StoredEvent,
} from './postgres-event-store.statements';
import type { PostgresSession } from './postgres-session';

/** The schema's row trigger that keeps `events` append-only (migration 1). */
const APPEND_ONLY_TRIGGER = 'events_no_update_or_delete';
/** The schema's `log_id` column holds 1 to 128 characters. */
const MAX_LOG_ID_LENGTH = 128;

/**
 * Writes a log recorded elsewhere into the PostgreSQL store without changing a byte of it (for `cli copy`), by the
 * import rules every adapter shares (`planImportPage`): a page is checked whole, and the original appends are
 * rebuilt (`batch_index` / `batch_size`) so their retries are still answered after the copy.
 *
 * Each page is one transaction under the same head lock as appends, so it gets the next positions in the given order
 * and no append interleaves; a page refused writes nothing and leaves the head where it was.
 */
export class PostgresLogImporter implements LogImporter {
  constructor(
    private readonly session: PostgresSession,
    private readonly assertOpen: () => void,
  ) {}

  /** The `log_head_guard` trigger refuses the change too once the log holds events, whoever asks. */
  async adoptLogId(logId: string): Promise<void> {
    this.assertOpen();
    if (typeof logId !== 'string' || logId.trim() === '' || logId.length > MAX_LOG_ID_LENGTH) {
      throw new LogImportRefusedError(
        `Cannot adopt log id ${JSON.stringify(logId)}: this store keeps 1 to ${MAX_LOG_ID_LENGTH} characters, not all blank`,
      );
    }
    await this.session.transaction(async (client) => {
      // Under the head lock: no append can slip in between the emptiness check and the update.
      const head = await lockHead(client);
      if (head.lastPosition !== 0n) throw new LogImportRefusedError('Cannot adopt another log id: this log already holds events');
      await client.query(SQL.setLogId, [logId]);
    });
  }

  async importRecorded(events: readonly RecordedEvent[]): Promise<void> {
    this.assertOpen();
    if (!Array.isArray(events)) throw new TypeError('importRecorded needs an array of recorded events');
    if (events.length === 0) return;
    // The session runs the work again on a new connection when the first one broke, possibly after its COMMIT.
    let runs = 0;
    await this.session.transaction((client) => {
      runs += 1;
      return this.importPage(client, events, runs > 1);
    });
  }

  private async importPage(client: PoolClient, events: readonly RecordedEvent[], rerun: boolean): Promise<void> {
    const head = await lockHead(client);
    const stored = await findByIds(client, distinctStrings(events.map((event) => event.id)));
    // A rerun that finds the whole page stored as given: the first run committed before its connection broke.
    if (rerun && events.every((event) => isStoredAs(event, stored.get(event.id)))) return;
    const heads = await findStreamHeads(client, distinctStrings(events.map((event) => event.streamName)));
    const plan = planImportPage(events, {
      streamHead: (streamName) => heads.get(streamName) ?? null,
      isStored: (eventId) => stored.has(eventId),
      lastEvent: await findLastEvent(client, head.lastPosition),
    });
    if (plan.resizeLastAppend !== null) await resizeLastAppend(client, plan.resizeLastAppend);
    const rows = plan.rows.map((row, index): EventInsert => ({
      position: head.lastPosition + BigInt(index + 1),
      eventId: row.id,
      streamName: row.streamName,
      category: row.category,
      revision: row.revision,
      batchIndex: row.batchIndex,
      batchSize: row.batchSize,
      type: row.type,
      dataJson: row.dataJson,
      metadataJson: row.metadataJson,
      recordedAt: row.recordedAt,
      hash: row.hash,
    }));
    await insertEvents(client, rows);
    // The head keeps the latest instant: a later append is never stamped before an imported event.
    const latest = rows.reduce((max, row) => (row.recordedAt > max ? row.recordedAt : max), head.lastRecordedAt ?? '');
    await advanceHead(client, rows[rows.length - 1].position, latest);
  }
}

/** The log's last event, which the page's first append may continue. */
async function findLastEvent(client: ClientBase, lastPosition: bigint): Promise<ImportLastEvent | null> {
  if (lastPosition === 0n) return null;
  const { rows } = await client.query<{ stream_name: string; stream_revision: string; recorded_at: string; batch_index: number }>(
    'SELECT stream_name, stream_revision::text AS stream_revision, recorded_at, batch_index FROM events WHERE position = $1',
    [lastPosition.toString()],
  );
  if (rows.length !== 1) throw new Error(`The event store has no event at its head position ${lastPosition}: its log is damaged`);
  const [row] = rows;
  return { streamName: row.stream_name, revision: BigInt(row.stream_revision), recordedAt: row.recorded_at, batchIndex: row.batch_index };
}

/**
 * Grows the recorded size of the append the page continues (it straddles two pages). The append-only trigger is
 * lifted for this one UPDATE and put back before the transaction commits, so no other session ever sees it off; the
 * lock this takes (SHARE ROW EXCLUSIVE) blocks no reader, and writers already wait for the head lock held here.
 */
async function resizeLastAppend(client: ClientBase, resize: NonNullable<ImportPlan['resizeLastAppend']>): Promise<void> {
  await client.query(`ALTER TABLE events DISABLE TRIGGER ${APPEND_ONLY_TRIGGER}`);
  await client.query('UPDATE events SET batch_size = $1 WHERE stream_name = $2 AND stream_revision >= $3', [
    resize.batchSize,
    resize.streamName,
    resize.fromRevision.toString(),
  ]);
  await client.query(`ALTER TABLE events ENABLE TRIGGER ${APPEND_ONLY_TRIGGER}`);
}

function isStoredAs(event: RecordedEvent, stored: StoredEvent | undefined): boolean {
  return stored !== undefined && stored.streamName === event.streamName && stored.revision === event.revision && stored.hash === event.hash;
}

/** The distinct strings among `values` (a malformed event is refused by the rules, not by a failed query). */
function distinctStrings(values: readonly unknown[]): string[] {
  return [...new Set(values.filter((value): value is string => typeof value === 'string'))];
}
