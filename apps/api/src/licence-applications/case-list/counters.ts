import type Database from 'better-sqlite3';

/** A counter's key: one value per key column. */
type Bucket = readonly string[];

/**
 * The moves of a batch's rows between a counter's buckets, summed in memory so each bucket is written once per
 * batch however many rows moved in or out of it.
 */
export class BucketDeltas {
  private readonly deltas = new Map<string, { readonly bucket: Bucket; delta: number }>();

  /** A row left the buckets `before` (−1 each) and joined `after` (+1 each); buckets in both cancel out. */
  move(before: readonly Bucket[], after: readonly Bucket[]): void {
    for (const bucket of before) this.add(bucket, -1);
    for (const bucket of after) this.add(bucket, 1);
  }

  /** The buckets whose count changes, with the change. */
  *changes(): Generator<{ readonly bucket: Bucket; readonly delta: number }> {
    for (const change of this.deltas.values()) if (change.delta !== 0) yield change;
  }

  private add(bucket: Bucket, delta: number): void {
    // Key values are codes and ids: none holds a NUL, so the join is unambiguous.
    const id = bucket.join('\u0000');
    const found = this.deltas.get(id);
    if (found === undefined) this.deltas.set(id, { bucket, delta });
    else found.delta += delta;
  }
}

/**
 * A counter table keyed by some columns with a positive `count`, moved by summed deltas: a bucket that reaches 0
 * is deleted, so the table holds no zero rows and equals the `GROUP BY` it stands for.
 */
export function counterTable(db: Database.Database, table: string, keys: readonly string[]) {
  const columns = keys.join(', ');
  const where = keys.map((key) => `${key} = ?`).join(' AND ');
  const increase = db.prepare(
    `INSERT INTO ${table} (${columns}, count) VALUES (${keys.map(() => '?').join(', ')}, ?)
     ON CONFLICT (${columns}) DO UPDATE SET count = count + excluded.count`,
  );
  const decrease = db.prepare(`UPDATE ${table} SET count = count - ? WHERE ${where} AND count > ?`);
  const remove = db.prepare(`DELETE FROM ${table} WHERE ${where} AND count = ?`);
  return {
    /** Applies a batch's deltas. Throws when a bucket would go below zero: the counter no longer matches its rows. */
    apply(deltas: BucketDeltas): void {
      for (const { bucket, delta } of deltas.changes()) {
        if (delta > 0) {
          increase.run(...bucket, delta);
        } else if (decrease.run(-delta, ...bucket, -delta).changes === 0 && remove.run(...bucket, -delta).changes === 0) {
          throw new Error(`${table}: bucket ${bucket.join('/')} holds fewer than ${-delta} to take away`);
        }
      }
    },
  };
}
