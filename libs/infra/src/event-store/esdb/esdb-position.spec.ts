import type { Position } from '../event-store.port';
import { compareEsdbPositions, decodeEsdbPosition, encodeEsdbPosition, isEsdbPosition } from './esdb-position';

describe('EventStoreDB positions as the port Position', () => {
  const MAX = 0xffff_ffff_ffff_ffffn;

  it('encodes {commit, prepare} as two 16-digit hex fields and decodes them back exactly', () => {
    const samples = [
      { commit: 0n, prepare: 0n },
      { commit: 1234n, prepare: 1200n },
      { commit: 2n ** 53n + 1n, prepare: 2n ** 53n + 1n },
      { commit: MAX, prepare: MAX },
    ];
    expect(encodeEsdbPosition(samples[1])).toBe('00000000000004d2-00000000000004b0');
    for (const position of samples) expect(decodeEsdbPosition(encodeEsdbPosition(position))).toEqual(position);
  });

  it('is plain JSON-safe text (a bigint would make JSON.stringify throw)', () => {
    const token = encodeEsdbPosition({ commit: 2n ** 60n, prepare: 2n ** 60n });
    expect(JSON.parse(JSON.stringify({ token }))).toEqual({ token });
  });

  it('orders by commit, then prepare, numerically; the text orders the same way', () => {
    const ordered = [
      { commit: 9n, prepare: 9n },
      { commit: 10n, prepare: 3n },
      { commit: 10n, prepare: 10n },
      { commit: 256n, prepare: 0n },
      { commit: MAX, prepare: 0n },
    ].map(encodeEsdbPosition);
    const shuffled = [ordered[3], ordered[0], ordered[4], ordered[2], ordered[1]];
    expect([...shuffled].sort(compareEsdbPositions)).toEqual(ordered);
    expect([...shuffled].sort()).toEqual(ordered);
    expect(compareEsdbPositions(ordered[1], ordered[1])).toBe(0);
    expect(compareEsdbPositions(ordered[2], ordered[1])).toBeGreaterThan(0);
  });

  it('recognises only its own format', () => {
    expect(isEsdbPosition(encodeEsdbPosition({ commit: 5n, prepare: 5n }))).toBe(true);
    const junk = ['abc', '', '-1', '1.5', ' 1', '1e3', '42', '00000000000004D2-00000000000004b0', '4d2-4b0',
      '00000000000004d2-00000000000004b0 ', '00000000000004d2:00000000000004b0', '000000000000004d2-0000000000004b0'];
    for (const token of junk) expect(isEsdbPosition(token)).toBe(false);
    expect(isEsdbPosition(42)).toBe(false);
    expect(() => decodeEsdbPosition('42' as Position)).toThrow(TypeError);
    expect(() => compareEsdbPositions('42' as Position, '43' as Position)).toThrow(TypeError);
  });

  it('refuses values outside unsigned 64 bits', () => {
    expect(() => encodeEsdbPosition({ commit: -1n, prepare: 0n })).toThrow(RangeError);
    expect(() => encodeEsdbPosition({ commit: 0n, prepare: MAX + 1n })).toThrow(RangeError);
  });
});
