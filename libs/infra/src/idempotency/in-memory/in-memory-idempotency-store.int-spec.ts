import { describeIdempotencyStoreBehaviour } from '../testing/idempotency-store.behaviour';
import { InMemoryIdempotencyStore } from './in-memory-idempotency-store';

describeIdempotencyStoreBehaviour('InMemoryIdempotencyStore', async ({ now, leaseMs }) => {
  const store = new InMemoryIdempotencyStore({ now, leaseMs });
  return { store, dispose: () => store.close() };
});

describe('InMemoryIdempotencyStore options', () => {
  it.each([0, -1, 1.5, Number.NaN])('refuses a lease of %p ms', (leaseMs) => {
    expect(() => new InMemoryIdempotencyStore({ leaseMs })).toThrow(RangeError);
  });
});
