import { randomUUID } from 'node:crypto';
import { isServerEventId, nameBasedUuid, toEsdbEventId } from './esdb-event-id';

describe('event ids on EventStoreDB', () => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('uses a canonical lower-case UUID as it is', () => {
    const id = randomUUID();
    expect(isServerEventId(id)).toBe(true);
    expect(toEsdbEventId(id)).toBe(id);
  });

  it('maps any other id to a deterministic version-5 UUID, distinct per id', () => {
    const upper = randomUUID().toUpperCase();
    for (const id of ['seed:licence-1:0', upper, '00000000-0000-0000-0000-000000000000', ' x ', 'ünï']) {
      expect(isServerEventId(id)).toBe(false);
      expect(toEsdbEventId(id)).toMatch(UUID);
      expect(toEsdbEventId(id)).toBe(toEsdbEventId(id));
    }
    expect(toEsdbEventId(upper)).not.toBe(upper.toLowerCase());
    expect(toEsdbEventId('a')).not.toBe(toEsdbEventId('b'));
  });

  it('derives them as RFC 9562 version-5 UUIDs (the RFC test vector: www.example.com in the DNS namespace)', () => {
    const dns = Buffer.from('6ba7b8109dad11d180b400c04fd430c8', 'hex');
    expect(nameBasedUuid(dns, 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
});
