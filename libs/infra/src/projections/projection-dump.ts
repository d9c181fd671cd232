import type Database from 'better-sqlite3';
import type { Projection } from './projection';

/**
 * Every row of every table a projection owns, each table ordered by all of its columns: a deterministic dump, for
 * checking that a rebuild reproduces the live rows exactly (and for support diagnostics).
 */
export function dumpProjection(db: Database.Database, projection: Projection): Record<string, unknown[]> {
  const dump: Record<string, unknown[]> = {};
  for (const table of projection.tables) {
    const columns = db.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?) ORDER BY cid').all(table);
    if (columns.length === 0) throw new Error(`Projection ${projection.name} lists table ${table}, which does not exist`);
    const order = columns.map((column) => `"${column.name}"`).join(', ');
    dump[table] = db.prepare(`SELECT * FROM "${table}" ORDER BY ${order}`).all();
  }
  return dump;
}
