import type { JSONRecordedEvent } from '@eventstore/db-client';
import { wrapMetadata } from './esdb-envelope';
import { fromEsdbEvent } from './esdb-recorded-event';

describe('events read from EventStoreDB in the port terms', () => {
  const metadata = { actor: 'user-1', correlationId: 'c', causationId: null, schemaVersion: 1 };
  const serverEvent = (overrides: Partial<JSONRecordedEvent> = {}): JSONRecordedEvent =>
    ({
      streamId: 'tx_licence-1',
      id: '6f1c2f52-b5b9-4c0e-8a4a-1d4e0c7b9a21',
      isJson: true,
      revision: 4n,
      type: 'LicenceGranted',
      created: new Date('2030-01-01T00:00:00Z'),
      data: { licence: 'L-1' },
      metadata: wrapMetadata({ v: 1, recordedAt: '2024-03-01T09:00:00.000Z', hash: 'b'.repeat(64), batchIndex: 1, batchSize: 2, metadata }),
      position: { commit: 300n, prepare: 290n },
      ...overrides,
    }) as JSONRecordedEvent;

  it("takes recordedAt, hash and metadata from the envelope (not the server's created), revision and position from the server", () => {
    expect(fromEsdbEvent(serverEvent(), 'licence-1')).toEqual({
      event: {
        id: '6f1c2f52-b5b9-4c0e-8a4a-1d4e0c7b9a21',
        type: 'LicenceGranted',
        streamName: 'licence-1',
        revision: 4n,
        position: '000000000000012c-0000000000000122',
        recordedAt: '2024-03-01T09:00:00.000Z',
        hash: 'b'.repeat(64),
        data: { licence: 'L-1' },
        metadata,
      },
      ref: {
        streamName: 'licence-1',
        revision: 4n,
        position: '000000000000012c-0000000000000122',
        batchIndex: 1,
        batchSize: 2,
        recordedAt: '2024-03-01T09:00:00.000Z',
      },
    });
  });

  it('gives back the original id of an event whose server id was derived from it', () => {
    const event = serverEvent({
      metadata: wrapMetadata({ v: 1, recordedAt: 'r', hash: 'b'.repeat(64), batchIndex: 0, batchSize: 1, id: 'seed-1', metadata }),
    });
    expect(fromEsdbEvent(event, 'licence-1')?.event.id).toBe('seed-1');
  });

  it('reads an event without the envelope as null, and refuses one with the envelope but no JSON object or position', () => {
    expect(fromEsdbEvent(serverEvent({ metadata: undefined }), 'licence-1')).toBeNull();
    expect(() => fromEsdbEvent(serverEvent({ data: [1, 2] }), 'licence-1')).toThrow(/not a JSON object/);
    expect(() => fromEsdbEvent(serverEvent({ position: undefined }), 'licence-1')).toThrow(/no position/);
  });
});
