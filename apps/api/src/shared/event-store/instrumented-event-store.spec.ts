import { InMemoryEventStore, WrongExpectedVersionError, type NewEvent } from '@app/infra';
import { Metrics } from '../metrics/metrics.service';
import { instrumentEventStore } from './instrumented-event-store';

const metadata = { actor: 'clerk-7', correlationId: 'c-1', causationId: null, schemaVersion: 1 };
const anEvent = (id: string): NewEvent => ({ id, type: 'Something', data: {}, metadata });

async function value(metrics: Metrics, name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
  const metric = await metrics.registry.getSingleMetric(name)!.get();
  return metric.values.find((sample) => Object.entries(labels).every(([key, label]) => String(sample.labels[key]) === label))?.value;
}

describe('instrumentEventStore', () => {
  let metrics: Metrics;
  let inner: InMemoryEventStore;

  beforeEach(() => {
    metrics = new Metrics();
    inner = new InMemoryEventStore();
  });

  it('counts a successful append, its events and its size, and passes the result through', async () => {
    const store = instrumentEventStore(inner, metrics);
    const result = await store.appendToStream('thing-1', [anEvent('e1'), anEvent('e2')], { expectedRevision: 'no-stream' });
    expect(result.nextExpectedRevision).toBe(1n);
    expect(await inner.readStream('thing-1')).toHaveLength(2);
    expect(await value(metrics, 'lcm_event_store_appends_total', { result: 'ok' })).toBe(1);
    expect(await value(metrics, 'lcm_event_store_appended_events_total')).toBe(2);
    expect(await value(metrics, 'lcm_event_store_append_batch_events', { le: '2' })).toBe(1);
    expect(await value(metrics, 'lcm_event_store_append_duration_seconds', { le: '+Inf', result: 'ok' })).toBe(1);
  });

  it('counts a wrong expected revision as a conflict and rethrows it', async () => {
    const store = instrumentEventStore(inner, metrics);
    await store.appendToStream('thing-1', [anEvent('e1')], { expectedRevision: 'no-stream' });
    await expect(store.appendToStream('thing-1', [anEvent('e2')], { expectedRevision: 'no-stream' })).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect(await value(metrics, 'lcm_event_store_appends_total', { result: 'conflict' })).toBe(1);
    expect(await value(metrics, 'lcm_event_store_appended_events_total')).toBe(1);
  });

  it('counts any other failure as an error', async () => {
    const store = instrumentEventStore(inner, metrics);
    await inner.close();
    await expect(store.appendToStream('thing-1', [anEvent('e1')], { expectedRevision: 'any' })).rejects.toThrow();
    expect(await value(metrics, 'lcm_event_store_appends_total', { result: 'error' })).toBe(1);
  });

  it('delegates every other member to the adapter', async () => {
    const store = instrumentEventStore(inner, metrics);
    await store.appendToStream('thing-1', [anEvent('e1')], { expectedRevision: 'any' });
    expect(await store.lastPosition()).toBe(await inner.lastPosition());
    expect((await store.readStream('thing-1')).map((event) => event.id)).toEqual(['e1']);
    expect(await store.streamRevision('thing-1')).toBe(0n);
    expect(store.isPosition('not a position')).toBe(inner.isPosition('not a position'));
  });
});
