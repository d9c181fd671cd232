import { jsonEvent } from '@eventstore/db-client';
import { newEvent, newEvents, rejectionOf, TestClock } from '../conformance/conformance-fixture';
import { eventHash } from '../event-hash';
import { StoreUnavailableError, WrongExpectedVersionError } from '../event-store.errors';
import type { RecordedEvent } from '../event-store.port';
import { EsdbEventStore } from './esdb-event-store';
import { FakeEsdbClient } from './testing/fake-esdb-client';

/**
 * The adapter's own logic (what it reads before an append, how it writes, how it rules after losing a race, what it
 * keeps of `$all`) over a simulated client. What a real server does is checked by the conformance int-spec.
 */
describe('EsdbEventStore over a simulated client', () => {
  let fake: FakeEsdbClient;
  let clock: TestClock;
  let store: EsdbEventStore;
  const open = (streamPrefix = 't1_') => EsdbEventStore.withClient(fake, 'esdb://db:2113', { now: clock.now, streamPrefix });
  const stored = () => fake.log.filter((event) => !event.streamId.startsWith('$'));
  const recomputed = (previous: string, event: RecordedEvent) =>
    eventHash(previous, { ...event, dataJson: JSON.stringify(event.data), metadataJson: JSON.stringify(event.metadata) });

  beforeEach(async () => {
    fake = new FakeEsdbClient();
    clock = new TestClock();
    store = await open();
  });

  it('writes under the prefix, at the exact revision read, with the envelope in the metadata', async () => {
    const events = newEvents(2);
    await store.appendToStream('licence-1', events, { expectedRevision: 'no-stream' });
    clock.advance(1000);
    await store.appendToStream('licence-1', [newEvent({ id: 'seed:3' })], { expectedRevision: 'stream-exists' });

    expect(stored().map((event) => [event.streamId, event.revision])).toEqual([['t1_licence-1', 0n], ['t1_licence-1', 1n], ['t1_licence-1', 2n]]);
    expect(stored()[0].id).toBe(events[0].id);
    expect(stored()[2].id).not.toBe('seed:3');
    const envelope = JSON.parse(stored()[2].metadataJson!).lcm;
    expect(envelope).toMatchObject({ v: 1, id: 'seed:3', recordedAt: clock.iso(), batchIndex: 0, batchSize: 1 });

    const read = await store.readStream('licence-1');
    expect(read.map((event) => event.id)).toEqual([events[0].id, events[1].id, 'seed:3']);
    expect(read[2].hash).toBe(envelope.hash);
    expect(read[2].hash).toBe(recomputed(read[1].hash, read[2]));
    expect(await store.appendToStream('licence-1', [newEvent({ id: 'seed:3' })], { expectedRevision: 1n })).toMatchObject({
      nextExpectedRevision: 2n,
    });
    expect(stored()).toHaveLength(3);
  });

  it("re-reads after losing a race: an 'any' append chains after the other writer's event", async () => {
    const other = await open();
    await store.appendToStream('licence-1', [newEvent()], { expectedRevision: 'no-stream' });
    fake.beforeAppend = async () => {
      await other.appendToStream('licence-1', [newEvent({ type: 'Other' })], { expectedRevision: 0n });
    };
    const result = await store.appendToStream('licence-1', [newEvent({ type: 'Mine' })], { expectedRevision: 'any' });

    expect(result.nextExpectedRevision).toBe(2n);
    const read = await store.readStream('licence-1');
    expect(read.map((event) => event.type)).toEqual(['Tested', 'Other', 'Mine']);
    expect(read[2].hash).toBe(recomputed(read[1].hash, read[2]));
  });

  it('re-reads after losing a race: an exact expectation becomes WrongExpectedVersionError with the actual revision', async () => {
    const other = await open();
    await store.appendToStream('licence-1', [newEvent()], { expectedRevision: 'no-stream' });
    fake.beforeAppend = async () => {
      await other.appendToStream('licence-1', newEvents(2), { expectedRevision: 0n });
    };
    const error = await rejectionOf(store.appendToStream('licence-1', [newEvent()], { expectedRevision: 0n }));
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ streamName: 'licence-1', expectedRevision: 0n, actualRevision: 2n });
    expect(stored()).toHaveLength(3);
  });

  it('re-reads after losing a race to its own original: answers the original result, written once', async () => {
    const other = await open();
    const batch = newEvents(2);
    let original: unknown;
    fake.beforeAppend = async () => {
      original = await other.appendToStream('licence-1', batch, { expectedRevision: 'no-stream' });
    };
    expect(await store.appendToStream('licence-1', batch, { expectedRevision: 'no-stream' })).toEqual(original);
    expect(stored().map((event) => event.id)).toEqual(batch.map((event) => event.id));
  });

  it('rules on every part of a multi-stream append before writing any', async () => {
    await store.appendToStream('licence-1', [newEvent()], { expectedRevision: 'no-stream' });
    const calls = fake.appendCalls;
    const error = await rejectionOf(
      store.appendToStreams([
        { streamName: 'licence-2', events: [newEvent()], expectedRevision: 'no-stream' },
        { streamName: 'licence-1', events: [newEvent()], expectedRevision: 'no-stream' },
      ]),
    );
    expect(error).toMatchObject({ streamName: 'licence-1', actualRevision: 0n });
    expect(fake.appendCalls).toBe(calls);
    expect(stored()).toHaveLength(1);
  });

  it('writes the parts of a multi-stream append stream by stream, in the order given, at one instant', async () => {
    const results = await store.appendToStreams([
      { streamName: 'policy-1', events: newEvents(1), expectedRevision: 'no-stream' },
      { streamName: 'licence-1', events: newEvents(2), expectedRevision: 'any' },
    ]);
    expect(stored().map((event) => event.streamId)).toEqual(['t1_policy-1', 't1_licence-1', 't1_licence-1']);
    expect(results.map((result) => [result.nextExpectedRevision, result.recordedAt])).toEqual([[0n, clock.iso()], [1n, clock.iso()]]);
  });

  it("keeps to its own streams in $all: no system, foreign or other-prefix event, and 'after' exclusive", async () => {
    const other = await open('t2_');
    await store.appendToStream('licence-1', newEvents(2), { expectedRevision: 'no-stream' });
    await other.appendToStream('licence-1', newEvents(1), { expectedRevision: 'no-stream' });
    fake.write('t1_foreign-1', [jsonEvent({ type: 'NotOurs', data: {} })], 'any');
    await store.appendToStream('audit', newEvents(1), { expectedRevision: 'no-stream' });
    fake.write('$stats-node', [jsonEvent({ type: '$statsCollected', data: {} })], 'any');

    const all = await store.readAll({ limit: 10 });
    expect(all.map((event) => event.streamName)).toEqual(['licence-1', 'licence-1', 'audit']);
    expect((await store.readAll({ limit: 10, after: all[0].position })).map((event) => event.id)).toEqual([all[1].id, all[2].id]);
    expect(await store.readAll({ limit: 10, categories: ['audit'] })).toEqual([all[2]]);
    expect(await store.lastPosition()).toBe(all[2].position);
    expect(await other.lastPosition()).not.toBe(all[2].position);
    await expect(store.readStream('foreign-1')).rejects.toThrow(/did not write/);
  });

  it('maps stream reads onto the client: direction, start revision, window, recordedUntil and maxCount', async () => {
    for (let revision = 0n; revision < 6n; revision++) {
      await store.appendToStream('licence-1', [newEvent()], { expectedRevision: revision === 0n ? 'no-stream' : revision - 1n });
      clock.advance(1000);
    }
    const reads: unknown[] = [];
    const readStream = fake.readStream;
    fake.readStream = (name, options) => {
      reads.push([name, options]);
      return readStream(name, options);
    };
    const revisions = async (options: Parameters<EsdbEventStore['readStream']>[1]) =>
      (await store.readStream('licence-1', options)).map((event) => Number(event.revision));

    expect(await revisions({ fromRevision: 2n, toRevision: 4n })).toEqual([2, 3, 4]);
    expect(await revisions({ direction: 'backwards', fromRevision: 4n, maxCount: 2 })).toEqual([4, 3]);
    expect(await revisions({ direction: 'backwards', toRevision: 2n ** 70n })).toEqual([5, 4, 3, 2, 1, 0]);
    expect(await revisions({ fromRevision: 2n ** 70n })).toEqual([]);
    expect(await revisions({ recordedUntil: '2024-03-01T09:00:02.500Z' })).toEqual([0, 1, 2]);
    expect(await revisions({ direction: 'backwards', recordedUntil: '2024-03-01T09:00:01.000Z' })).toEqual([1, 0]);
    expect(reads).toEqual([
      ['t1_licence-1', { direction: 'forwards', fromRevision: 2n }],
      ['t1_licence-1', { direction: 'backwards', fromRevision: 4n }],
      ['t1_licence-1', { direction: 'backwards', fromRevision: 'end' }],
      ['t1_licence-1', { direction: 'forwards', fromRevision: 0n }],
      ['t1_licence-1', { direction: 'backwards', fromRevision: 'end' }],
    ]);
  });

  it('reads a missing stream as empty and its revision as null', async () => {
    expect(await store.readStream('licence-9')).toEqual([]);
    expect(await store.readStream('licence-9', { direction: 'backwards' })).toEqual([]);
    expect(await store.streamRevision('licence-9')).toBeNull();
  });

  it('writes the log identity once, and another prefix is another log', async () => {
    const again = await open();
    expect(await again.logId()).toBe(await store.logId());
    expect(await (await open('t2_')).logId()).not.toBe(await store.logId());
    expect(fake.log.filter((event) => event.streamId === '$lcm-log-t1_')).toHaveLength(1);
  });

  it('reports a lost connection as StoreUnavailableError naming the store', async () => {
    fake.unavailable = true;
    const calls: (() => Promise<unknown>)[] = [
      () => store.appendToStream('licence-1', [newEvent()], { expectedRevision: 'any' }),
      () => store.readStream('licence-1'),
      () => store.streamRevision('licence-1'),
      () => store.readAll({ limit: 1 }),
      () => store.lastPosition(),
      () => open(),
    ];
    for (const call of calls) {
      const error = await rejectionOf(call());
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error).toMatchObject({ store: 'esdb://db:2113' });
    }
  });

  it('disposes the client on close, once, and refuses work afterwards', async () => {
    await store.close();
    await store.close();
    expect(fake.disposed).toBe(true);
    await expect(store.readStream('licence-1')).rejects.toThrow(/closed/);
    await expect(store.logId()).rejects.toThrow(/closed/);
  });
});
