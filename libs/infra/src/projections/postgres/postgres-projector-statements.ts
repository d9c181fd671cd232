import { createHash } from 'node:crypto';
import type { Position } from '../../event-store/event-store.port';
import type { Sql } from './postgres-projection';

/** Any constant: the key space of the projections' advisory locks (the first half of each two-part key). */
const PROJECTION_LOCK_SPACE = 0x4c435052; // "LCPR"

/** The second half of a projection's lock key: 32 bits of its name's hash (a collision only serialises more). */
export function projectionLockKey(name: string): number {
  return createHash('sha256').update(name).digest().readInt32BE(0);
}

/**
 * Takes the transaction-level advisory lock of each projection, in ascending key order so two instances locking
 * overlapping sets never deadlock. Held until the transaction ends: no other instance commits or resets these
 * projections meanwhile, even one whose checkpoint row does not exist yet.
 */
export async function lockProjections(tx: Sql, names: readonly string[]): Promise<void> {
  const keys = [...new Set(names.map(projectionLockKey))].sort((a, b) => a - b);
  for (const key of keys) await tx.query('SELECT pg_advisory_xact_lock($1, $2)', [PROJECTION_LOCK_SPACE, key]);
}

/** The stored checkpoint of each named projection, in the order of `names` (`null`: none). */
export async function readCheckpoints(db: Sql, names: readonly string[]): Promise<Map<string, Position | null>> {
  const { rows } = await db.query<{ projection: string; position: string }>(
    'SELECT projection, position FROM projection_checkpoints WHERE projection = ANY($1::text[])',
    [names],
  );
  const stored = new Map(rows.map((row) => [row.projection, row.position as Position]));
  return new Map(names.map((name) => [name, stored.get(name) ?? null]));
}

export async function saveCheckpoint(tx: Sql, name: string, position: Position, at: Date): Promise<void> {
  await tx.query(
    `INSERT INTO projection_checkpoints (projection, position, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (projection) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
    [name, position, at.toISOString()],
  );
}

export async function deleteCheckpoint(tx: Sql, name: string): Promise<void> {
  await tx.query('DELETE FROM projection_checkpoints WHERE projection = $1', [name]);
}

export async function readProjectedLog(db: Sql): Promise<string | null> {
  const { rows } = await db.query<{ log_id: string }>('SELECT log_id FROM projected_log WHERE singleton = 1');
  return rows[0]?.log_id ?? null;
}

export async function saveProjectedLog(db: Sql, logId: string, at: Date): Promise<void> {
  await db.query(
    `INSERT INTO projected_log (singleton, log_id, recorded_at) VALUES (1, $1, $2)
     ON CONFLICT (singleton) DO UPDATE SET log_id = excluded.log_id, recorded_at = excluded.recorded_at`,
    [logId, at.toISOString()],
  );
}
