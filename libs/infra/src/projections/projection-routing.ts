import type Database from 'better-sqlite3';
import { streamCategory, type EventStore, type Position, type RecordedEvent } from '../event-store/event-store.port';
import type { Projection, ProjectionFold } from './projection';

/** Events a counting page reads, when the store cannot count. */
const COUNT_PAGE = 5_000;

/** A page of the log as read for several projections, with each event's category worked out once. */
export interface LogPage {
  readonly events: readonly RecordedEvent[];
  readonly categoryOf: readonly string[];
  /** The categories present in the page. */
  readonly categories: ReadonlySet<string>;
}

/** What routing needs of a projection, SQLite's or PostgreSQL's: its name and the categories it reads. */
export type RoutedProjection = Pick<Projection, 'name' | 'categories'>;

/**
 * Which events of the log each projection takes (its categories, or all), so one read of the log serves several
 * projections: the categories to read for them, and each one's share of a page.
 */
export class ProjectionRouting {
  /** The categories each projection takes; null: every event. */
  private readonly takes: ReadonlyMap<string, ReadonlySet<string> | null>;

  constructor(
    projections: readonly RoutedProjection[],
    private readonly store: EventStore,
  ) {
    this.takes = new Map(projections.map((p) => [p.name, p.categories ? new Set(p.categories) : null]));
  }

  /** The categories to read for these projections: their union, or null (every category) if one takes all. */
  categoriesFor(projections: readonly RoutedProjection[]): string[] | null {
    const union = new Set<string>();
    for (const projection of projections) {
      const categories = this.takes.get(projection.name)!;
      if (categories === null) return null;
      for (const category of categories) union.add(category);
    }
    return [...union];
  }

  page(events: readonly RecordedEvent[]): LogPage {
    const categoryOf = events.map((event) => streamCategory(event.streamName));
    return { events, categoryOf, categories: new Set(categoryOf) };
  }

  /** Of a page, the events of the projection's categories after its checkpoint (the page itself when all are). */
  eventsFor(name: string, page: LogPage, after: Position | null): readonly RecordedEvent[] {
    const { events, categoryOf } = page;
    const categories = this.takes.get(name)!;
    const allTaken = categories === null || [...page.categories].every((category) => categories.has(category));
    // Positions ascend: when the first event is after the checkpoint, all are.
    const allAfter = after === null || events.length === 0 || this.store.comparePositions(events[0]!.position, after) > 0;
    if (allTaken && allAfter) return events;
    return events.filter(
      (event, index) =>
        (allTaken || categories!.has(categoryOf[index]!)) && (allAfter || this.store.comparePositions(event.position, after!) > 0),
    );
  }

  /**
   * The events of each projection's categories in the log (a rebuild's total): counted by the store when it can,
   * without reading them, else with one pass over `readAll`.
   */
  async count(projections: readonly RoutedProjection[]): Promise<number[]> {
    const count = this.store.countEvents?.bind(this.store);
    if (count) return Promise.all(projections.map((projection) => count(projection.categories && [...projection.categories])));
    const counts = projections.map(() => 0);
    const categories = this.categoriesFor(projections);
    let after: Position | undefined;
    for (;;) {
      const events = await this.store.readAll({
        ...(after === undefined ? {} : { after }),
        limit: COUNT_PAGE,
        ...(categories === null ? {} : { categories }),
      });
      for (const event of events) {
        const category = streamCategory(event.streamName);
        projections.forEach((projection, index) => {
          const takes = this.takes.get(projection.name)!;
          if (takes === null || takes.has(category)) counts[index]! += 1;
        });
      }
      if (events.length < COUNT_PAGE) return counts;
      after = events[events.length - 1]!.position;
    }
  }
}

/** The projection's own fold, or one that buffers its events and applies them one by one with `apply`. */
export function openFold(projection: Projection, db: Database.Database): ProjectionFold {
  if (projection.fold) return projection.fold(db);
  const events: RecordedEvent[] = [];
  return {
    add: (more) => {
      for (const event of more) events.push(event);
    },
    get held() {
      return events.length;
    },
    write: () => {
      for (const event of events) projection.apply(db, event);
    },
  };
}
