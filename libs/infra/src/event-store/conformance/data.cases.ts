import type { NewEvent } from '../event-store.port';
import { metadata, newEvent, type ConformanceFixture } from './conformance-fixture';

/** What goes in comes out: data, metadata and identity, exactly, and isolated from the caller's objects. */
export function describeDataConformance(fixture: ConformanceFixture): void {
  const stream = 'licence-e1';

  const rich: NewEvent = newEvent({
    type: 'LicenceApplicationSubmitted',
    data: {
      applicant: { name: 'Zürich Präzision AG', country: 'CH', contacts: [{ email: 'a@example.com', primary: true }] },
      items: [
        { usml: 'XI(a)(3)(i)', quantity: 12, unitPrice: 1999.95, serials: ['A-1', 'A-2'] },
        { usml: 'XII(e)', quantity: 0, unitPrice: -0.5, serials: [] },
      ],
      notes: 'Ünïcödé ✓ 日本語 🚀 "quotes" \\ backslash\nnewline\ttab',
      empty: {},
      nothing: null,
      flags: [true, false, null, 0, '', [[1, [2]]]],
      big: Number.MAX_SAFE_INTEGER,
    },
    metadata: metadata({ actor: 'auth0|ünï', correlationId: 'corr-1', causationId: 'cause-1', schemaVersion: 3 }),
  });

  describe('data and metadata', () => {
    it('round-trips nested data, unicode and metadata exactly, through readStream and readAll', async () => {
      const plain = newEvent({ metadata: metadata({ causationId: null, schemaVersion: 1 }) });
      await fixture.store.appendToStream(stream, [rich, plain], { expectedRevision: 'no-stream' });

      for (const events of [await fixture.store.readStream(stream), await fixture.store.readAll({ limit: 10 })]) {
        expect(events).toHaveLength(2);
        const [first, second] = events;
        expect(first.id).toBe(rich.id);
        expect(first.type).toBe('LicenceApplicationSubmitted');
        expect(first.streamName).toBe(stream);
        expect(first.data).toEqual(rich.data);
        expect(first.metadata).toEqual(rich.metadata);
        expect(second.metadata).toEqual(plain.metadata);
        expect(second.metadata.causationId).toBeNull();
      }
    });

    it('is not affected by the caller mutating what it appended or what it read', async () => {
      const data = { list: [1, 2], nested: { value: 'original' } };
      const event = newEvent({ data });
      await fixture.store.appendToStream(stream, [event], { expectedRevision: 'no-stream' });
      data.list.push(3);
      data.nested.value = 'mutated after append';

      const [read] = await fixture.store.readStream(stream);
      (read.data.list as number[]).push(99);
      (read.data.nested as { value: string }).value = 'mutated after read';
      (read.metadata as { actor: string }).actor = 'intruder';

      const [again] = await fixture.store.readStream(stream);
      expect(again.data).toEqual({ list: [1, 2], nested: { value: 'original' } });
      expect(again.metadata).toEqual(event.metadata);
      const [fromAll] = await fixture.store.readAll({ limit: 1 });
      expect(fromAll.data).toEqual({ list: [1, 2], nested: { value: 'original' } });
    });

    it('stores data as JSON: a Date comes back as its ISO string and undefined properties vanish', async () => {
      const when = new Date('2024-05-06T07:08:09.010Z');
      await fixture.store.appendToStream(stream, [newEvent({ data: { when, gone: undefined, kept: 1 } })], {
        expectedRevision: 'no-stream',
      });
      const [read] = await fixture.store.readStream(stream);
      expect(read.data).toEqual({ when: '2024-05-06T07:08:09.010Z', kept: 1 });
      expect(Object.keys(read.data)).toEqual(['when', 'kept']);
    });

    it('rejects data that is not a JSON object and metadata of the wrong shape', async () => {
      const { store } = fixture;
      const asData = (value: unknown) => newEvent({ data: value as Record<string, unknown> });
      await expect(store.appendToStream(stream, [asData(null)], { expectedRevision: 'any' })).rejects.toThrow(TypeError);
      await expect(store.appendToStream(stream, [asData([1])], { expectedRevision: 'any' })).rejects.toThrow(TypeError);
      const badMeta = newEvent({ metadata: { ...metadata(), schemaVersion: 0 } });
      await expect(store.appendToStream(stream, [badMeta], { expectedRevision: 'any' })).rejects.toThrow(RangeError);
      const noActor = newEvent({ metadata: { ...metadata(), actor: '' } });
      await expect(store.appendToStream(stream, [noActor], { expectedRevision: 'any' })).rejects.toThrow(TypeError);
      expect(await store.streamRevision(stream)).toBeNull();
    });
  });
}
