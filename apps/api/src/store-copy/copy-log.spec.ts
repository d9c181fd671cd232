import { InMemoryEventStore, type EventStore, type NewEvent, type ReadAllOptions, type RecordedEvent } from '@app/infra';
import { copyLog, type CopyProgress } from './copy-log';
import { verifyCopy } from './verify-copy';

const event = (n: number): NewEvent => ({
  id: `event-${n}`,
  type: 'Tested',
  data: { n },
  metadata: { actor: 'user-1', correlationId: `c-${n}`, causationId: null, schemaVersion: 1 },
});

/** Seven events over three streams of two categories, one multi-event append among them. */
async function sourceLog(): Promise<InMemoryEventStore> {
  const source = new InMemoryEventStore();
  await source.appendToStream('Case-a', [event(1), event(2), event(3)], { expectedRevision: 'no-stream' });
  await source.appendToStream('Country-x', [event(4)], { expectedRevision: 'no-stream' });
  await source.appendToStreams([
    { streamName: 'Case-a', events: [event(5)], expectedRevision: 2n },
    { streamName: 'Case-b', events: [event(6), event(7)], expectedRevision: 'no-stream' },
  ]);
  return source;
}

const withoutPositions = (events: RecordedEvent[]) => events.map(({ position: _position, ...rest }) => rest);

describe('copyLog', () => {
  it('copies page by page in global order, reporting progress after each page', async () => {
    const source = await sourceLog();
    const target = new InMemoryEventStore();
    const progress: CopyProgress[] = [];
    const result = await copyLog(source, target, { pageSize: 3, onProgress: (step) => progress.push(step) });
    expect(result).toEqual({ logId: await source.logId(), events: 7, sourceHead: '7' });
    expect(progress).toEqual([0, 3, 6, 7].map((copied) => ({ copied, total: 7 })));
    expect(withoutPositions(await target.readAll({ limit: 100 }))).toEqual(withoutPositions(await source.readAll({ limit: 100 })));
    expect(await target.logId()).toBe(await source.logId());
  });

  it('copies the log as it was when the copy began: later appends stay behind', async () => {
    const source = await sourceLog();
    let appended = false;
    // A writer that was not stopped: it appends while the first page is being read.
    const busy: EventStore = new Proxy(source, {
      get: (store, property, receiver) =>
        property === 'readAll'
          ? async (options: ReadAllOptions) => {
              const page = await store.readAll(options);
              if (!appended) await store.appendToStream('Case-c', [event(8)], { expectedRevision: 'no-stream' });
              appended = true;
              return page;
            }
          : Reflect.get(store, property, receiver),
    });
    const target = new InMemoryEventStore();
    const result = await copyLog(busy, target, { pageSize: 4 });
    expect(result.events).toBe(7);
    expect(await target.streamRevision('Case-c')).toBeNull();
    expect((await verifyCopy(source, target, result.sourceHead)).ok).toBe(true);
    // Held against the source's new head, the copy is one event short.
    const late = await verifyCopy(source, target, await source.lastPosition());
    expect(late).toMatchObject({ ok: false, events: { source: 8, target: 7 }, streamMismatchCount: 1 });
    expect(late.categories).toContainEqual({ category: 'Case', source: 7, target: 6 });
  });

  it('copies an empty log: only its id', async () => {
    const source = new InMemoryEventStore();
    const target = new InMemoryEventStore();
    expect(await copyLog(source, target)).toEqual({ logId: await source.logId(), events: 0, sourceHead: null });
    expect(await target.logId()).toBe(await source.logId());
    expect(await verifyCopy(source, target, null)).toMatchObject({ ok: true, events: { source: 0, target: 0 }, streams: 0 });
  });
});
