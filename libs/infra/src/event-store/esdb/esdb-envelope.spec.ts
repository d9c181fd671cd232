import { ENVELOPE_KEY, unwrapMetadata, wrapMetadata, type EventEnvelope } from './esdb-envelope';

describe('the metadata envelope on EventStoreDB events', () => {
  const envelope: EventEnvelope = {
    v: 1,
    recordedAt: '2024-03-01T09:00:00.000Z',
    hash: 'a'.repeat(64),
    batchIndex: 1,
    batchSize: 3,
    metadata: { actor: 'user-1', correlationId: 'corr-1', causationId: 'cause-1', schemaVersion: 2 },
  };

  it("keeps the adapter's fields under 'lcm' and mirrors correlation and causation in EventStoreDB's $ fields", () => {
    const wrapped = wrapMetadata(envelope);
    expect(wrapped).toEqual({ $correlationId: 'corr-1', $causationId: 'cause-1', lcm: envelope });
    expect(ENVELOPE_KEY).toBe('lcm');
    const text = JSON.stringify(wrapped);
    expect(unwrapMetadata(JSON.parse(text), 'e')).toEqual(envelope);
  });

  it('leaves out $causationId when there is none, and $correlationId when it is empty', () => {
    const wrapped = wrapMetadata({ ...envelope, metadata: { ...envelope.metadata, correlationId: '', causationId: null } });
    expect(Object.keys(wrapped)).toEqual(['lcm']);
  });

  it('keeps the original id of an event whose server id is derived from it', () => {
    const wrapped = wrapMetadata({ ...envelope, id: 'seed:licence-1:0' });
    expect(unwrapMetadata(JSON.parse(JSON.stringify(wrapped)), 'e')?.id).toBe('seed:licence-1:0');
  });

  it('reads an event without an envelope (not written by this adapter) as null', () => {
    expect(unwrapMetadata(undefined, 'e')).toBeNull();
    expect(unwrapMetadata({ $correlationId: 'x' }, 'e')).toBeNull();
    expect(unwrapMetadata(new Uint8Array([1, 2]), 'e')).toBeNull();
  });

  it.each([
    ['another version', { v: 2 }],
    ['a hash that is not 64 hex digits', { hash: 'xyz' }],
    ['no recordedAt', { recordedAt: undefined }],
    ['a fractional batch index', { batchIndex: 0.5 }],
    ['no port metadata', { metadata: null }],
    ['a non-string original id', { id: 7 }],
  ])('refuses a malformed envelope: %s', (_, change) => {
    expect(() => unwrapMetadata({ lcm: { ...envelope, ...change } }, 'Event e1')).toThrow(/Event e1: malformed 'lcm'/);
  });
});
