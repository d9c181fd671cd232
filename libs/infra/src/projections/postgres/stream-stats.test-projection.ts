import type { RecordedEvent } from '../../event-store/event-store.port';
import type { PostgresProjection, PostgresProjectionFold, Sql } from './postgres-projection';

export interface StreamStatsOptions {
  readonly name?: string;
  readonly categories?: string[];
  /** The id of an event whose write throws (read at every write, so a test can cure it). */
  readonly failOn?: () => string | null;
  /** Told the number of events of every fold written: the batches the projector made. */
  readonly writes?: number[];
  /** Runs before each event is written, in the batch transaction (a test cuts the connection there). */
  readonly beforeEvent?: (event: RecordedEvent) => Promise<void>;
}

/**
 * A small PostgreSQL projection for tests: one row per stream (events folded, last revision, types seen) and a log
 * of every event it actually applied, so a double application would show as a duplicate line.
 */
export function streamStats(options: StreamStatsOptions = {}): PostgresProjection {
  const name = options.name ?? 'stream-stats';
  const prefix = name.replace(/\W/g, '_');
  const apply = async (tx: Sql, event: RecordedEvent): Promise<void> => {
    if (options.failOn?.() === event.id) throw new Error(`cannot project ${event.id}`);
    await options.beforeEvent?.(event);
    const { rows } = await tx.query<{ last_revision: number }>(`SELECT last_revision FROM ${prefix}_streams WHERE stream = $1`, [
      event.streamName,
    ]);
    if (rows[0] !== undefined && event.revision <= BigInt(rows[0].last_revision)) return;
    await tx.query(
      `INSERT INTO ${prefix}_streams (stream, events, last_revision, types) VALUES ($1, 1, $2, $3)
       ON CONFLICT (stream) DO UPDATE SET events = ${prefix}_streams.events + 1, last_revision = excluded.last_revision,
         types = ${prefix}_streams.types || ',' || excluded.types`,
      [event.streamName, Number(event.revision), event.type],
    );
    await tx.query(`INSERT INTO ${prefix}_applied (position) VALUES ($1)`, [event.position]);
  };
  return {
    name,
    ...(options.categories ? { categories: options.categories } : {}),
    tables: [`${prefix}_streams`, `${prefix}_applied`],
    migrations: [
      {
        version: 1,
        name: 'create-tables',
        up: `CREATE TABLE ${prefix}_streams (stream text PRIMARY KEY, events integer NOT NULL, last_revision integer NOT NULL, types text NOT NULL);
             CREATE TABLE ${prefix}_applied (seq integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, position text NOT NULL);`,
      },
    ],
    fold(): PostgresProjectionFold {
      const events: RecordedEvent[] = [];
      return {
        add: async (more) => void events.push(...more),
        get held() {
          return events.length;
        },
        write: async (tx) => {
          for (const event of events) await apply(tx, event);
          options.writes?.push(events.length);
        },
      };
    },
    async reset(tx: Sql): Promise<void> {
      await tx.query(`DELETE FROM ${prefix}_streams`);
      await tx.query(`DELETE FROM ${prefix}_applied`);
    },
  };
}
