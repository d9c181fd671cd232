import Database from 'better-sqlite3';
import { GENESIS_LOG_HASH, nextLogHash, sealDataOf, type AuditSealData } from '../../event-store/audit-seal';
import { eventHash, GENESIS_HASH } from '../../event-store/event-hash';

/**
 * Test-only: edits an event-store file directly, as an attacker with write access to the disk would. The events
 * table refuses UPDATE and DELETE through triggers; an attacker simply drops them first, and so does this.
 */
export class Tamperer {
  readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.exec('DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_no_delete;');
  }

  row(position: number): { event_id: string; stream_name: string; stream_revision: number; data: string; hash: string } {
    return this.db.prepare('SELECT * FROM events WHERE position = ?').get(position) as never;
  }

  lastPosition(): number {
    return (this.db.prepare('SELECT MAX(position) AS p FROM events').get() as { p: number }).p;
  }

  /** Positions of a stream's events, in revision order. */
  positionsOf(stream: string): number[] {
    return (this.db.prepare('SELECT position FROM events WHERE stream_name = ? ORDER BY stream_revision').all(stream) as { position: number }[]).map(
      (row) => row.position,
    );
  }

  run(sql: string, ...params: unknown[]): void {
    this.db.prepare(sql).run(...params);
  }

  /** Moves every event after `position` one place up, leaving `position + 1` free for a forged row. */
  shiftAfter(position: number): void {
    this.run('UPDATE events SET position = -(position + 1) WHERE position > ?', position);
    this.run('UPDATE events SET position = -position WHERE position < 0');
  }

  /** Swaps the places of two events in the log. */
  swap(a: number, b: number): void {
    this.run('UPDATE events SET position = -1 WHERE position = ?', a);
    this.run('UPDATE events SET position = ? WHERE position = ?', a, b);
    this.run('UPDATE events SET position = ? WHERE position = -1', b);
  }

  /**
   * Recomputes every hash and every seal from the start, as an attacker who knows the scheme would after changing
   * the past: the result is self-consistent and only an anchor taken earlier can tell.
   */
  rewriteConsistently(): void {
    const rows = this.db.prepare('SELECT * FROM events ORDER BY position').all() as Record<string, unknown>[];
    const heads = new Map<string, string>();
    const cuts = new Map<string, { count: number; logHash: string }>();
    let logHash = GENESIS_LOG_HASH;
    let count = 0;
    for (const row of rows) {
      let data = row.data as string;
      const seal = sealDataOf({ type: row.type as string, data: JSON.parse(data) as Record<string, unknown> });
      if (seal !== null) {
        const cut = cuts.get(seal.sealedUpToEventId) as { count: number; logHash: string };
        data = JSON.stringify({ ...seal, eventCount: cut.count, logHash: cut.logHash } satisfies AuditSealData);
      }
      const hash = eventHash(heads.get(row.stream_name as string) ?? GENESIS_HASH, {
        id: row.event_id as string,
        type: row.type as string,
        streamName: row.stream_name as string,
        revision: BigInt(row.stream_revision as number),
        recordedAt: row.recorded_at as string,
        dataJson: data,
        metadataJson: row.metadata as string,
      });
      this.run('UPDATE events SET data = ?, hash = ? WHERE position = ?', data, hash, row.position);
      heads.set(row.stream_name as string, hash);
      logHash = nextLogHash(logHash, hash);
      count += 1;
      cuts.set(row.event_id as string, { count, logHash });
    }
  }

  close(): void {
    this.db.close();
  }
}
