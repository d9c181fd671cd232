import { newEvent, newEvents, TestClock } from '../conformance/conformance-fixture';
import { eventHash, GENESIS_HASH } from '../event-hash';
import type { RecordedEvent } from '../event-store.port';
import { InMemoryEventStore } from '../in-memory/in-memory-event-store';
import { EsdbEventStore } from './esdb-event-store';
import { FakeEsdbClient } from './testing/fake-esdb-client';

/** `cli copy` into EventStoreDB: the importer, over a simulated client. */
describe('EsdbEventStore importer', () => {
  let clock: TestClock;
  let source: InMemoryEventStore;
  let fake: FakeEsdbClient;
  let target: EsdbEventStore;
  const withoutPositions = (events: RecordedEvent[]) => events.map(({ position: _position, ...rest }) => rest);

  beforeEach(async () => {
    clock = new TestClock();
    source = new InMemoryEventStore({ now: clock.now });
    await source.appendToStream('licence-1', newEvents(2), { expectedRevision: 'no-stream' });
    clock.advance(1000);
    await source.appendToStream('policy-1', [newEvent({ id: 'seed:policy-1' })], { expectedRevision: 'no-stream' });
    await source.appendToStream('licence-1', newEvents(3), { expectedRevision: 1n });
    fake = new FakeEsdbClient();
    target = await EsdbEventStore.withClient(fake, 'fake', { now: clock.now, streamPrefix: 'c_' });
  });

  it('copies the log in pages keeping ids, revisions, recordedAt, metadata, hashes and order, and takes over the log id', async () => {
    const log = await source.readAll({ limit: 100 });
    await target.importer.adoptLogId(await source.logId());
    for (let start = 0; start < log.length; start += 2) await target.importer.importRecorded(log.slice(start, start + 2));

    expect(await target.logId()).toBe(await source.logId());
    expect(withoutPositions(await target.readAll({ limit: 100 }))).toEqual(withoutPositions(log));
    expect(withoutPositions(await target.readStream('licence-1'))).toEqual(withoutPositions(await source.readStream('licence-1')));
    const reopened = await EsdbEventStore.withClient(fake, 'fake', { now: clock.now, streamPrefix: 'c_' });
    expect(await reopened.logId()).toBe(await source.logId());

    clock.advance(1000);
    await target.appendToStream('licence-1', [newEvent()], { expectedRevision: 4n });
    const [previous, appended] = await target.readStream('licence-1', { fromRevision: 4n });
    expect(appended.hash).toBe(
      eventHash(previous.hash, { ...appended, dataJson: JSON.stringify(appended.data), metadataJson: JSON.stringify(appended.metadata) }),
    );
  });

  it('refuses a page with an event out of place or a broken chain, writing nothing of it', async () => {
    const log = await source.readAll({ limit: 100 });
    await expect(target.importer.importRecorded([log[0], log[3]])).rejects.toThrow(/expected @1/);
    const forged = { ...log[1], data: { forged: true } };
    await expect(target.importer.importRecorded([log[0], forged])).rejects.toThrow(/does not chain/);
    const rechained = { ...log[0], hash: eventHash(GENESIS_HASH, { ...log[0], dataJson: '{}', metadataJson: '{}' }) };
    await expect(target.importer.importRecorded([rechained])).rejects.toThrow(/does not chain/);
    expect(await target.readAll({ limit: 100 })).toEqual([]);
  });

  it('adopts a log id only while the store holds no event', async () => {
    const [first] = await source.readAll({ limit: 1 });
    await target.importer.importRecorded([first]);
    await expect(target.importer.adoptLogId('another')).rejects.toThrow(/no event/);
    expect(await target.logId()).not.toBe('another');
  });
});
