import Database from 'better-sqlite3';
import { toPosition } from '../../event-store/decimal-position';
import { streamCategory, type RecordedEvent } from '../../event-store/event-store.port';
import type { Projection } from '../projection';
import { dumpProjection } from '../projection-dump';
import { migrateReadModels } from '../projection-schema';
import { prepareProjectorStatements } from '../projector-statements';

/** An event of a specification, as a stream records it; what the log adds (revision, position…) is filled in. */
export interface SpecifiedEvent {
  readonly streamName: string;
  readonly type: string;
  /** A domain event's payload (its `<Type>Data` interface). */
  readonly data: object;
  /** When the log recorded it; by default one second after the event before. */
  readonly recordedAt?: string;
  /** Its id; by default one minted from its position. */
  readonly id?: string;
}

/** What the rows must be: some tables' rows (each row matched on the columns given), or an assertion on the database. */
export type ExpectedRows = Readonly<Record<string, readonly object[]>> | ((db: Database.Database) => void);

const START = Date.parse('2026-01-05T09:00:00.000Z');
const META = { actor: 'projection-specification', correlationId: 'specification', causationId: null, schemaVersion: 1 };

/**
 * Given/when/then for a projection (as Emmett's projection specifications): given the events already projected,
 * when these events arrive, then its tables hold these rows.
 *
 * Each step is one batch through the projection's real path (its `fold` when it has one, else `apply` event by
 * event), in a transaction that also moves its checkpoint, over a fresh in-memory read-model database migrated by
 * `migrateReadModels`. Only the events of the projection's categories reach it, as from the projector.
 *
 * The log records each event object once: the same object passed again (in `when`, or twice) is that recorded
 * event delivered again, with its revision and position, as a replay or a second process would deliver it.
 */
export function projectionSpecification(projection: Projection) {
  return {
    given(given: readonly SpecifiedEvent[] = []) {
      return {
        when(when: readonly SpecifiedEvent[]) {
          const run = (check: (db: Database.Database, before: Record<string, unknown[]>) => void) => {
            const db = new Database(':memory:');
            try {
              migrateReadModels(db, [projection], () => new Date(START));
              const log = new SpecificationLog();
              project(db, projection, given.map((event) => log.record(event)));
              const before = dumpProjection(db, projection);
              project(db, projection, when.map((event) => log.record(event)));
              check(db, before);
            } finally {
              db.close();
            }
          };
          return {
            then(expected: ExpectedRows): void {
              run((db) => {
                if (typeof expected === 'function') return expected(db);
                const rows = dumpProjection(db, projection);
                for (const [table, expectedRows] of Object.entries(expected)) {
                  if (!(table in rows)) throw new Error(`${projection.name} owns no table ${table}`);
                  expect({ [table]: rows[table] }).toMatchObject({ [table]: expectedRows });
                }
              });
            },
            /** The events change no row of any of the projection's tables. */
            thenNothingChanges(): void {
              run((db, before) => expect(dumpProjection(db, projection)).toEqual(before));
            },
          };
        },
      };
    },
  };
}

/**
 * The log of one specification: it gives each event its stream revision, global position and instant. Shared by
 * the SQLite and PostgreSQL specifications, so the same events are recorded alike for both.
 */
export class SpecificationLog {
  private readonly recorded = new Map<SpecifiedEvent, RecordedEvent>();
  private readonly revisions = new Map<string, bigint>();
  private sequence = 0;

  record(event: SpecifiedEvent): RecordedEvent {
    const known = this.recorded.get(event);
    if (known !== undefined) return known;
    this.sequence += 1;
    const revision = (this.revisions.get(event.streamName) ?? -1n) + 1n;
    this.revisions.set(event.streamName, revision);
    const recorded: RecordedEvent = {
      id: event.id ?? `00000000-0000-4000-8000-${String(this.sequence).padStart(12, '0')}`,
      streamName: event.streamName,
      type: event.type,
      data: event.data as Readonly<Record<string, unknown>>,
      metadata: META,
      revision,
      position: toPosition(this.sequence),
      recordedAt: event.recordedAt ?? new Date(START + this.sequence * 1_000).toISOString(),
      hash: '',
    };
    this.recorded.set(event, recorded);
    return recorded;
  }
}

/** One batch, as the projector writes it: the projection's rows and its checkpoint in one transaction. */
function project(db: Database.Database, projection: Projection, events: readonly RecordedEvent[]): void {
  const categories = projection.categories;
  const batch = events.filter((event) => categories === undefined || categories.includes(streamCategory(event.streamName)));
  const last = events.at(-1);
  if (last === undefined) return;
  const fold = projection.fold?.(db);
  fold?.add(batch);
  db.transaction(() => {
    if (fold !== undefined) fold.write();
    else for (const event of batch) projection.apply(db, event);
    prepareProjectorStatements(db).saveCheckpoint.run(projection.name, last.position, new Date(START).toISOString());
  })();
}
