import { DuplicateEventIdError, WrongExpectedVersionError } from '../event-store.errors';
import { prepareAppend } from '../event-store.append-request';
import { eventHash, GENESIS_HASH } from '../event-hash';
import { newEvent, newEvents } from '../conformance/conformance-fixture';
import { planAppend, type StreamHead } from './esdb-append-plan';
import { encodeEsdbPosition } from './esdb-position';
import type { Position } from '../event-store.port';

describe('planning an append on EventStoreDB', () => {
  const now = new Date('2024-03-01T09:00:00.000Z');
  const head: StreamHead = { revision: 4n, hash: 'c'.repeat(64), recordedAt: '2024-03-01T08:00:00.000Z' };
  const position = encodeEsdbPosition({ commit: 500n, prepare: 500n });

  it('chains the new events to the head, numbers them after it and wraps the envelope into the metadata', () => {
    const events = newEvents(2);
    const part = prepareAppend('licence-1', events, 4n);
    const plan = planAppend(part, { head, stored: [undefined, undefined] }, now);
    if ('retry' in plan) throw new Error('planned as a retry');

    expect(plan.recordedAt).toBe(now.toISOString());
    const first = eventHash(head.hash, { ...part.events[0], streamName: 'licence-1', revision: 5n, recordedAt: plan.recordedAt });
    const second = eventHash(first, { ...part.events[1], streamName: 'licence-1', revision: 6n, recordedAt: plan.recordedAt });
    expect(plan.events.map((event) => [event.id, event.type, event.contentType])).toEqual(
      events.map((event) => [event.id, 'Tested', 'application/json']),
    );
    expect(plan.events.map((event) => event.data)).toEqual([{ n: 0 }, { n: 1 }]);
    expect(plan.events.map((event) => event.metadata)).toEqual([
      { $correlationId: events[0].metadata.correlationId, lcm: { v: 1, recordedAt: plan.recordedAt, hash: first, batchIndex: 0, batchSize: 2, metadata: events[0].metadata } },
      { $correlationId: events[1].metadata.correlationId, lcm: { v: 1, recordedAt: plan.recordedAt, hash: second, batchIndex: 1, batchSize: 2, metadata: events[1].metadata } },
    ]);
  });

  it('starts a new stream at the genesis hash and never records earlier than the head', () => {
    const part = prepareAppend('licence-1', [newEvent()], 'no-stream');
    const fresh = planAppend(part, { head: null, stored: [undefined] }, now);
    if ('retry' in fresh) throw new Error('planned as a retry');
    const expected = eventHash(GENESIS_HASH, { ...part.events[0], streamName: 'licence-1', revision: 0n, recordedAt: now.toISOString() });
    expect((fresh.events[0].metadata as { lcm: { hash: string } }).lcm.hash).toBe(expected);

    const late = { ...head, recordedAt: '2024-03-01T10:00:00.000Z' };
    const behind = planAppend(prepareAppend('licence-1', [newEvent()], 'any'), { head: late, stored: [undefined] }, now);
    expect('recordedAt' in behind && behind.recordedAt).toBe(late.recordedAt);
  });

  it('maps an id that is not a UUID to a server UUID and keeps the original in the envelope', () => {
    const plan = planAppend(prepareAppend('licence-1', [newEvent({ id: 'seed:1' })], 'any'), { head, stored: [undefined] }, now);
    if ('retry' in plan) throw new Error('planned as a retry');
    expect(plan.events[0].id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5/);
    expect((plan.events[0].metadata as { lcm: { id: string } }).lcm.id).toBe('seed:1');
  });

  it('answers the original result for the same ids in the same place (a retry), writing nothing', () => {
    const events = newEvents(2);
    const stored = [0, 1].map((batchIndex) => ({
      streamName: 'licence-1', revision: 5n + BigInt(batchIndex), position, batchIndex, batchSize: 2, recordedAt: head.recordedAt,
    }));
    const plan = planAppend(prepareAppend('licence-1', events, 4n), { head: { ...head, revision: 9n }, stored }, now);
    expect(plan).toEqual({ retry: { nextExpectedRevision: 6n, position, recordedAt: head.recordedAt } });
  });

  it('refuses ids reused elsewhere in the stream, and a stream not as expected with its actual revision', () => {
    const events = newEvents(2);
    const moved = { streamName: 'licence-1', revision: 2n, position: 'x' as Position, batchIndex: 0, batchSize: 1, recordedAt: 'r' };
    expect(() => planAppend(prepareAppend('licence-1', events, 'any'), { head, stored: [moved, undefined] }, now)).toThrow(DuplicateEventIdError);

    const conflict = (() => {
      try {
        planAppend(prepareAppend('licence-1', events, 2n), { head, stored: [undefined, undefined] }, now);
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(conflict).toBeInstanceOf(WrongExpectedVersionError);
    expect(conflict).toMatchObject({ streamName: 'licence-1', expectedRevision: 2n, actualRevision: 4n });
    expect(() => planAppend(prepareAppend('licence-1', events, 'stream-exists'), { head: null, stored: [undefined, undefined] }, now)).toThrow(
      expect.objectContaining({ actualRevision: null }) as unknown as Error,
    );
  });
});
