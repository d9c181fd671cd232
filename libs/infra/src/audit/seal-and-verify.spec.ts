import { randomUUID } from 'node:crypto';
import { AUDIT_SEAL_ACTOR, AUDIT_SEAL_STREAM, sealDataOf } from '../event-store/audit-seal';
import { InMemoryEventStore } from '../event-store/in-memory/in-memory-event-store';
import type { NewEvent } from '../event-store/event-store.port';
import { appendSeal } from './append-seal';
import { readLogHead } from './log-head';
import { verifyLog } from './verify-log';

/** Seals, the head and anchors over the in-memory adapter: the audit code needs nothing but the port. */
const now = () => new Date('2025-11-07T00:00:00.000Z');
const event = (): NewEvent => ({
  id: randomUUID(),
  type: 'Tested',
  data: { n: 1 },
  metadata: { actor: 'officer-1', correlationId: 'c', causationId: null, schemaVersion: 1 },
});
const seal = (store: InMemoryEventStore) => appendSeal(store, { reason: 'on-demand', requestedBy: 'auditor-1', correlationId: 'c', now });

describe('Seals and anchors over any EventStore', () => {
  let store: InMemoryEventStore;
  beforeEach(async () => {
    store = new InMemoryEventStore({ now });
    await store.appendToStream('LicenceApplication-a', [event(), event()], { expectedRevision: 'no-stream' });
    await store.appendToStream('CountryPolicy-KH', [event()], { expectedRevision: 'no-stream' });
  });

  it('appends a seal by the system actor to its own stream, committing to the log up to its head', async () => {
    const outcome = await seal(store);
    expect(outcome).toMatchObject({ appended: true, position: '4', seal: { sealedUpTo: '3', eventCount: 3, reason: 'on-demand', requestedBy: 'auditor-1' } });
    const [recorded] = await store.readStream(AUDIT_SEAL_STREAM);
    expect(recorded.metadata.actor).toBe(AUDIT_SEAL_ACTOR);
    expect(sealDataOf(recorded)).toEqual(outcome.seal);
    expect(await verifyLog(store, { contiguousPositions: true })).toMatchObject({ ok: true, problems: [], sealedUpTo: '3', seals: 1 });
  });

  it('appends nothing when only seals were appended since the last seal', async () => {
    await seal(store);
    expect(await seal(store)).toMatchObject({ appended: false, position: '4' });
    expect(await store.lastPosition()).toBe('4');
  });

  it('serves the same head from the last seal forwards as verification computes from the start', async () => {
    await seal(store);
    await store.appendToStream('LicenceApplication-b', [event()], { expectedRevision: 'no-stream' });
    const head = await readLogHead(store);
    const report = await verifyLog(store);
    expect({ position: head.position, hash: head.hash }).toEqual(report.head);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'unsealed-tail', position: '5', stream: 'LicenceApplication-b' })]);
  });

  it('still matches an older anchor after the log grew, and reports an anchor beyond the log as a truncation', async () => {
    const { head } = await verifyLog(store);
    const anchor = { position: head.position as string, hash: head.hash };
    await store.appendToStream('LicenceApplication-a', [event()], { expectedRevision: 1n });
    expect((await verifyLog(store, { anchor })).anchor).toEqual({ ...anchor, matches: true });
    const beyond = await verifyLog(store, { anchor: { position: '99', hash: head.hash } });
    expect(beyond.ok).toBe(false);
    expect(beyond.problems).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'deleted', position: '99' })]));
  });

  it('yields between pages, so a server keeps answering while it verifies, and reports its progress', async () => {
    for (let n = 0; n < 30; n++) await store.appendToStream(`LicenceApplication-p${n}`, [event()], { expectedRevision: 'no-stream' });
    const pauses: number[] = [];
    const progress: number[] = [];
    let checkedAtPause = 0;
    const report = await verifyLog(store, {
      pageSize: 10,
      contiguousPositions: true,
      onProgress: (checked, total) => {
        progress.push(checked);
        checkedAtPause = checked;
        expect(total).toBe(33);
      },
      pause: async () => {
        pauses.push(checkedAtPause);
      },
    });
    expect(report.checked).toBe(33);
    expect(pauses).toEqual([10, 20, 30]);
    expect(progress).toEqual([10, 20, 30, 33]);
  });
});
