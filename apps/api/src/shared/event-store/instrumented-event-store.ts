import { WrongExpectedVersionError, type EventStore, type SqliteEventStore } from '@app/infra';
import { LATENCY_BUCKETS_SECONDS, type Metrics } from '../metrics/metrics.service';

/** A store that commits appends in groups (the SQLite adapter). */
type GroupCommitting = Pick<SqliteEventStore, 'groupCommitStats'>;

/** Events per append: one for most commands, up to a re-evaluation batch's worth. */
const BATCH_BUCKETS = [1, 2, 5, 10, 20, 50, 100, 200, 500];

/**
 * Wraps an {@link EventStore} so its appends are measured (count by result, latency, events per append). A proxy,
 * not a subclass: every other member, including ones a later port or adapter adds, reaches the adapter untouched.
 */
export function instrumentEventStore<S extends EventStore>(inner: S, metrics: Metrics): S {
  const appends = metrics.counter({
    name: 'lcm_event_store_appends_total',
    help: 'Appends to the event store, by result (ok; conflict: wrong expected revision; error)',
    labelNames: ['result'] as const,
  });
  const appendedEvents = metrics.counter({ name: 'lcm_event_store_appended_events_total', help: 'Events written by successful appends' });
  const appendDuration = metrics.histogram({
    name: 'lcm_event_store_append_duration_seconds',
    help: 'Time an append takes, including waiting for the write lock',
    labelNames: ['result'] as const,
    buckets: LATENCY_BUCKETS_SECONDS,
  });
  const batchSize = metrics.histogram({ name: 'lcm_event_store_append_batch_events', help: 'Events per successful append', buckets: BATCH_BUCKETS });
  const groupCommits = (inner as Partial<GroupCommitting>).groupCommitStats?.bind(inner);
  if (groupCommits !== undefined) {
    // Read from the store when scraped: appends_total{result="ok"} over this is the appends sharing one fsync.
    metrics.counter({
      name: 'lcm_event_store_commits_total',
      help: 'Transactions that committed appends (a group commit answers every append queued in one turn)',
      collect() {
        this.reset();
        this.inc(groupCommits().groupsCommitted);
      },
    });
  }

  /** Measures one call that writes `eventCount` events (one append, or one multi-stream append). */
  const measured = async <T>(eventCount: number, write: () => Promise<T>): Promise<T> => {
    const started = process.hrtime.bigint();
    let result = 'error';
    try {
      const written = await write();
      result = 'ok';
      appendedEvents.inc(eventCount);
      batchSize.observe(eventCount);
      return written;
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) result = 'conflict';
      throw error;
    } finally {
      appends.inc({ result });
      appendDuration.observe({ result }, Number(process.hrtime.bigint() - started) / 1e9);
    }
  };
  const appendToStream: EventStore['appendToStream'] = (streamName, events, options) =>
    measured(events?.length ?? 0, () => inner.appendToStream(streamName, events, options));
  const appendToStreams: EventStore['appendToStreams'] = (parts) =>
    measured(
      (parts ?? []).reduce((sum, part) => sum + (part?.events?.length ?? 0), 0),
      () => inner.appendToStreams(parts),
    );

  return new Proxy(inner, {
    get(target, property) {
      if (property === 'appendToStream') return appendToStream;
      if (property === 'appendToStreams') return appendToStreams;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
