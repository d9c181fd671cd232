import type Database from 'better-sqlite3';

/**
 * A counter table keyed by some columns with a positive `count`: `add` moves one bucket by +1 or −1, deleting
 * it when it reaches 0, so the table holds no zero rows and equals the `GROUP BY` it stands for.
 */
export function counterTable(db: Database.Database, table: string, keys: readonly string[]) {
  const where = keys.map((key) => `${key} = ?`).join(' AND ');
  const increment = db.prepare(
    `INSERT INTO ${table} (${keys.join(', ')}, count) VALUES (${keys.map(() => '?').join(', ')}, 1)
     ON CONFLICT (${keys.join(', ')}) DO UPDATE SET count = count + 1`,
  );
  const decrement = db.prepare(`UPDATE ${table} SET count = count - 1 WHERE ${where} AND count > 1`);
  const remove = db.prepare(`DELETE FROM ${table} WHERE ${where} AND count = 1`);
  return {
    add(key: readonly string[], delta: 1 | -1): void {
      if (delta === 1) {
        increment.run(...key);
        return;
      }
      if (decrement.run(...key).changes === 0 && remove.run(...key).changes === 0) {
        throw new Error(`${table}: no bucket ${key.join('/')} to decrement`);
      }
    },
  };
}

/**
 * Moves a row from its old buckets to its new ones: −1 on each bucket it left, +1 on each it joined (buckets in
 * both are untouched). A bucket is the counter key, as a list of column values.
 */
export function moveBuckets(
  counter: ReturnType<typeof counterTable>,
  before: readonly (readonly string[])[],
  after: readonly (readonly string[])[],
): void {
  const id = (key: readonly string[]) => JSON.stringify(key);
  const kept = new Set(before.map(id).filter((key) => after.some((other) => id(other) === key)));
  for (const key of before) if (!kept.has(id(key))) counter.add(key, -1);
  for (const key of after) if (!kept.has(id(key))) counter.add(key, 1);
}
