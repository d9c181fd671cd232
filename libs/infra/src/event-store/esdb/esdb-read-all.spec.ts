import type { Position } from '../event-store.port';
import { planAllRead } from './esdb-read-all';
import { encodeEsdbPosition } from './esdb-position';

describe('readAll options for $all', () => {
  it('validates the limit, the position and the categories', () => {
    const after = encodeEsdbPosition({ commit: 10n, prepare: 10n });
    expect(planAllRead({ after, limit: 5, categories: ['licence', 'licence', 'audit'] })).toEqual({
      after,
      limit: 5,
      categories: new Set(['licence', 'audit']),
    });
    expect(planAllRead({ limit: 0 })).toEqual({ after: null, limit: 0, categories: null });
    expect(() => planAllRead({ limit: -1 })).toThrow(RangeError);
    expect(() => planAllRead({ limit: 1, after: '12' as Position })).toThrow(TypeError);
    expect(() => planAllRead({ limit: 1, categories: 'licence' as unknown as string[] })).toThrow(TypeError);
  });
});
