import type { EventStoreDBClient } from '@eventstore/db-client';
import { newEvents, TestClock } from '../conformance/conformance-fixture';
import type { Position, RecordedEvent } from '../event-store.port';
import { EsdbCatchUpSubscription, type CheckpointStore, type SubscribeToAllClient } from './esdb-catch-up-subscription';
import { EsdbEventStore } from './esdb-event-store';
import { decodeEsdbPosition, encodeEsdbPosition } from './esdb-position';
import { FakeEsdbClient } from './testing/fake-esdb-client';
import { FakeSubscribeClient } from './testing/fake-subscribe-client';

// The real client offers the surface the subscription uses.
const realClientFits: (client: EventStoreDBClient) => SubscribeToAllClient = (client) => client;

class MemoryCheckpoints implements CheckpointStore {
  position: Position | null = null;
  readonly saved: Position[] = [];
  async load(): Promise<Position | null> {
    return this.position;
  }
  async save(position: Position): Promise<void> {
    this.position = position;
    this.saved.push(position);
  }
}

/** Lets the subscription loop run until `condition` holds (it only awaits promises, never timers, in these tests). */
async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 10_000 && !condition(); turn++) await new Promise((resolve) => setImmediate(resolve));
  if (!condition()) throw new Error('The condition never held');
}

describe('EsdbCatchUpSubscription', () => {
  let log: FakeEsdbClient;
  let checkpoints: MemoryCheckpoints;
  let handled: RecordedEvent[];
  let delays: number[];
  let subscription: EsdbCatchUpSubscription | undefined;
  const sleep = async (ms: number) => {
    delays.push(ms);
  };
  const backoff = { initialMs: 100, maxMs: 400, random: () => 0.5 };

  /** 3 licence, 2 policy and 1 audit events under prefix t1_, plus one under t2_. */
  beforeEach(async () => {
    log = new FakeEsdbClient();
    const clock = new TestClock();
    const store = await EsdbEventStore.withClient(log, 'fake', { now: clock.now, streamPrefix: 't1_' });
    const other = await EsdbEventStore.withClient(log, 'fake', { now: clock.now, streamPrefix: 't2_' });
    await store.appendToStream('licence-1', newEvents(2), { expectedRevision: 'no-stream' });
    await store.appendToStream('policy-1', newEvents(2), { expectedRevision: 'no-stream' });
    await other.appendToStream('licence-1', newEvents(1), { expectedRevision: 'no-stream' });
    await store.appendToStream('audit', newEvents(1), { expectedRevision: 'no-stream' });
    await store.appendToStream('licence-2', newEvents(1), { expectedRevision: 'no-stream' });
    checkpoints = new MemoryCheckpoints();
    handled = [];
    delays = [];
  });
  afterEach(() => subscription?.stop());

  const ownEvents = (...categories: string[]) =>
    log.log.filter((event) => event.streamId.startsWith('t1_') && categories.some((c) => event.streamId.startsWith(`t1_${c}`)));

  it('handles the filtered events one at a time, in log order, storing the checkpoint after each', async () => {
    const client = new FakeSubscribeClient(log);
    let active = 0;
    let maxActive = 0;
    subscription = new EsdbCatchUpSubscription({
      client,
      checkpoints,
      streamPrefix: 't1_',
      categories: ['licence', 'audit'],
      sleep,
      handler: async (event) => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        await new Promise((resolve) => setImmediate(resolve));
        expect(checkpoints.position).toBe(handled.at(-1)?.position ?? null);
        handled.push(event);
        active -= 1;
      },
    });
    subscription.start();
    await until(() => handled.length === 4);

    expect(handled.map((event) => event.streamName)).toEqual(['licence-1', 'licence-1', 'audit', 'licence-2']);
    expect(handled.map((event) => event.id)).toEqual(ownEvents('licence', 'audit').map((event) => event.id));
    expect(checkpoints.saved).toEqual(handled.map((event) => event.position));
    expect(maxActive).toBe(1);
    expect(client.subscriptions).toHaveLength(1);
    expect(client.subscriptions[0]).toMatchObject({ fromPosition: 'start', filter: { filterOn: 'streamName', regex: '^t1_(?:licence|audit)(?:-|$)' } });
    expect(delays).toEqual([]);
  });

  it('resubscribes after a drop from the stored checkpoint, after a jittered back-off, handling every event once', async () => {
    const client = new FakeSubscribeClient(log, [2, 0, 1]);
    subscription = new EsdbCatchUpSubscription({
      client, checkpoints, streamPrefix: 't1_', sleep, backoff,
      handler: async (event) => {
        handled.push(event);
      },
    });
    subscription.start();
    await until(() => handled.length === 6);

    expect(handled.map((event) => event.id)).toEqual(log.log.filter((event) => event.streamId.startsWith('t1_')).map((event) => event.id));
    const from = client.subscriptions.map((options) => options.fromPosition);
    expect(from[0]).toBe('start');
    expect(from[1]).toEqual(decodeEsdbPosition(handled[1].position));
    expect(from[2]).toEqual(decodeEsdbPosition(handled[1].position));
    expect(from[3]).toEqual(decodeEsdbPosition(handled[2].position));
    // 1st drop after progress: 100 · 0.75; 2nd without progress: 200 · 0.75; 3rd after progress again: 75.
    expect(delays).toEqual([75, 150, 75]);
    expect(checkpoints.position).toBe(handled[5].position);
  });

  it('resubscribes from the checkpoint when the handler fails, redelivering the event, with capped doubling delays', async () => {
    const client = new FakeSubscribeClient(log);
    let failuresLeft = 4;
    const errors: unknown[] = [];
    subscription = new EsdbCatchUpSubscription({
      client, checkpoints, streamPrefix: 't1_', categories: ['policy'], sleep, backoff,
      onRetry: (error) => errors.push(error),
      handler: async (event) => {
        if (handled.length === 1 && failuresLeft-- > 0) throw new Error('projection write failed');
        handled.push(event);
      },
    });
    subscription.start();
    await until(() => handled.length === 2);

    expect(handled.map((event) => event.streamName)).toEqual(['policy-1', 'policy-1']);
    expect(delays).toEqual([75, 150, 300, 300]);
    expect(errors).toHaveLength(4);
    expect(client.subscriptions.slice(1).every((options) => options.fromPosition !== 'start')).toBe(true);
    expect(checkpoints.saved).toEqual(handled.map((event) => event.position));
  });

  it('starts from a stored checkpoint and stops on request, unsubscribing', async () => {
    const first = log.log.find((event) => event.streamId === 't1_policy-1')!;
    checkpoints.position = encodeEsdbPosition(first.position);
    const client = new FakeSubscribeClient(log);
    subscription = new EsdbCatchUpSubscription({
      client, checkpoints, streamPrefix: 't1_', sleep,
      handler: async (event) => {
        handled.push(event);
      },
    });
    subscription.start();
    await until(() => handled.length === 3);
    await subscription.stop();

    expect(handled.map((event) => event.streamName)).toEqual(['policy-1', 'audit', 'licence-2']);
    expect(client.unsubscribed).toBe(1);
    expect(delays).toEqual([]);
  });

  it('refuses an empty category list, which would select nothing', () => {
    expect(() => new EsdbCatchUpSubscription({ client: new FakeSubscribeClient(log), checkpoints, categories: [], handler: async () => undefined })).toThrow(RangeError);
    expect(realClientFits).toBeInstanceOf(Function);
  });
});
