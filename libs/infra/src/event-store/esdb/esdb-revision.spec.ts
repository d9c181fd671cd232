import { ANY, NO_STREAM, STREAM_EXISTS } from '@eventstore/db-client';
import {
  exactEsdbRevision,
  fromEsdbCurrentRevision,
  fromEsdbExpectedRevision,
  toEsdbExpectedRevision,
} from './esdb-revision';

describe('revisions between the port and EventStoreDB', () => {
  it.each([
    ['no-stream', NO_STREAM],
    ['stream-exists', STREAM_EXISTS],
    ['any', ANY],
    [0n, 0n],
    [41n, 41n],
    [2n ** 63n, 2n ** 63n],
  ] as const)('maps %p to %p and back', (port, esdb) => {
    expect(toEsdbExpectedRevision(port)).toBe(esdb);
    expect(fromEsdbExpectedRevision(esdb)).toBe(port);
  });

  it('reads the current revision: NO_STREAM and the -1 of a non-throwing failed append are null', () => {
    expect(fromEsdbCurrentRevision(NO_STREAM)).toBeNull();
    expect(fromEsdbCurrentRevision(-1n)).toBeNull();
    expect(fromEsdbCurrentRevision(0n)).toBe(0n);
    expect(fromEsdbCurrentRevision(7n)).toBe(7n);
  });

  it('writes with the exact head read: NO_STREAM for none, never ANY or STREAM_EXISTS', () => {
    expect(exactEsdbRevision(null)).toBe(NO_STREAM);
    expect(exactEsdbRevision(0n)).toBe(0n);
    expect(exactEsdbRevision(12n)).toBe(12n);
  });
});
