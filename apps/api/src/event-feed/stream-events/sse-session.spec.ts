import { Writable } from 'node:stream';
import type { CloudEvent } from '../cloud-event';
import type { FeedPage } from '../public-event-feed';
import { SseSession } from './sse-session';

const OPTIONS = { heartbeatMs: 60_000, pollMs: 5, slowClientTimeoutMs: 20, pageSize: 10 };

function anEvent(position: number): CloudEvent {
  return {
    specversion: '1.0', id: `id-${position}`, source: 'http://x/events', type: 'CaseAssigned', subject: 'LicenceApplication-1',
    time: '2025-01-01T00:00:00.000Z', datacontenttype: 'application/json', dataschema: 'http://x/schemas/CaseAssigned',
    data: { padding: 'x'.repeat(1000) }, position: String(position), dataversion: 1, correlationid: 'c', actor: 'a',
  };
}

/** A log of `count` events after position 0, paged as the feed pages it. */
function logOf(count: number) {
  return async (after: string | null, limit: number): Promise<FeedPage> => {
    const from = after === null ? 0 : Number(after);
    const items = Array.from({ length: Math.max(0, Math.min(limit, count - from)) }, (_, i) => anEvent(from + i + 1));
    return { items, lastPosition: items.at(-1)?.position ?? after };
  };
}

describe('an SSE session', () => {
  it('given a client that never reads, when the socket stops taking writes, then it is cut off with SLOW_CONSUMER and the position to resume after', async () => {
    const written: string[] = [];
    let ended = false;
    // A socket whose peer never reads: the first write is taken, nothing ever drains.
    const stuck = new Writable({ highWaterMark: 1024, write: (chunk: Buffer, _encoding, _callback) => void written.push(chunk.toString()) });
    stuck.on('finish', () => (ended = true));
    const originalEnd = stuck.end.bind(stuck);
    stuck.end = (() => {
      ended = true;
      return originalEnd();
    }) as typeof stuck.end;

    const session = new SseSession(stuck, logOf(1000), {}, null, OPTIONS);
    const reason = await session.run();

    expect(reason).toBe('SLOW_CONSUMER');
    expect(ended).toBe(true);
    // Bounded: one event went to the socket, one more waited in the stream's buffer, then the cut-off notice.
    expect(stuck.writableLength).toBeLessThan(4 * 1024);
    expect(written).toHaveLength(1);
    expect(written[0]).toContain('id: 1\n');
  });

  it('given a client that reads, then it gets every event in order with its position as the SSE id', async () => {
    const written: string[] = [];
    const reader = new Writable({ write: (chunk: Buffer, _encoding, callback) => { written.push(chunk.toString()); callback(); } });
    const session = new SseSession(reader, logOf(25), {}, '5', OPTIONS);
    const running = session.run();
    for (let i = 0; i < 200 && written.length < 20; i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
    session.stop('SHUTTING_DOWN');
    expect(await running).toBe('SHUTTING_DOWN');
    const ids = written.filter((chunk) => chunk.startsWith('id: ')).map((chunk) => chunk.split('\n')[0]);
    expect(ids).toEqual(Array.from({ length: 20 }, (_, i) => `id: ${i + 6}`));
    expect(written.at(-1)).toContain('event: cut-off');
    expect(written.at(-1)).toContain('"resumeAfter":"25"');
  });
});
