import { countryPolicyStream } from '@app/domain';
import { aRemoval, aStatusChange, recordedEvents } from '@app/domain/testing/domain-builders';
import { InMemoryEventStore, type EventStore, type ReadAllOptions } from '@app/infra';
import { PolicyRegisterReadModel } from './policy-register.read-model';

/** Cambodia's ¶(o) listing (policy version 1), then its removal (version 2). */
const [cambodiaListed, cambodiaRemoved] = recordedEvents(aStatusChange(), aRemoval()).map((event) => event.data) as [object, object];

function append(store: EventStore, stream: string, id: string, type: string, data: object, expected: bigint | 'no-stream') {
  return store.appendToStream(stream, [{ id, type, data: data as Record<string, unknown>, metadata: { actor: 'test', correlationId: 'c', causationId: null, schemaVersion: 1 } }], {
    expectedRevision: expected,
  });
}

describe('PolicyRegisterReadModel', () => {
  it('folds only CountryPolicy streams and sees changes appended after its last read', async () => {
    const store = new InMemoryEventStore();
    const register = new PolicyRegisterReadModel(store);
    await append(store, countryPolicyStream('KH'), '00000000-0000-4000-8000-000000000001', 'CountryStatusChanged', cambodiaListed, 'no-stream');
    await append(store, 'LicenceApplication-x', '00000000-0000-4000-8000-000000000002', 'LicenceApplicationSubmitted', {}, 'no-stream');

    expect((await register.snapshot('2025-11-06')).countries.KH).toMatchObject({ status: 'denial-with-exceptions', policyVersion: 1 });
    expect((await register.all()).map((record) => record.countryCode)).toEqual(['KH']);

    await append(store, countryPolicyStream('KH'), '00000000-0000-4000-8000-000000000003', 'CountryStatusChanged', cambodiaRemoved, 0n);

    expect((await register.snapshot('2025-11-07')).countries.KH).toMatchObject({ status: 'not-listed', policyVersion: 2 });
    expect((await register.country('KH'))?.events).toHaveLength(2);
  });

  it('recovers after a failed catch-up: the next read folds from where it stopped', async () => {
    const store = new InMemoryEventStore();
    await append(store, countryPolicyStream('KH'), '00000000-0000-4000-8000-000000000001', 'CountryStatusChanged', cambodiaListed, 'no-stream');
    let failNext = true;
    const flaky: EventStore = Object.create(store) as EventStore;
    flaky.readAll = (options: ReadAllOptions) => {
      if (failNext) {
        failNext = false;
        return Promise.reject(new Error('store unavailable'));
      }
      return store.readAll(options);
    };
    const register = new PolicyRegisterReadModel(flaky);

    await expect(register.snapshot('2025-01-01')).rejects.toThrow('store unavailable');
    expect((await register.snapshot('2025-01-01')).countries.KH).toMatchObject({ status: 'denial-with-exceptions' });
    expect((await register.country('KH'))?.events).toHaveLength(1);
  });

  describe('under concurrent readers', () => {
    function counted(store: EventStore) {
      const counting: EventStore = Object.create(store) as EventStore;
      const reads = { count: 0 };
      counting.readAll = (options: ReadAllOptions) => {
        reads.count += 1;
        return store.readAll(options);
      };
      return { counting, reads };
    }

    it('shares passes: the readers that arrive while one runs all wait for the next, one read of the log', async () => {
      const store = new InMemoryEventStore();
      await append(store, countryPolicyStream('KH'), '00000000-0000-4000-8000-000000000001', 'CountryStatusChanged', cambodiaListed, 'no-stream');
      const { counting, reads } = counted(store);
      const register = new PolicyRegisterReadModel(counting);
      const snapshots = await Promise.all(Array.from({ length: 10 }, () => register.snapshot('2025-11-06')));
      expect(reads.count).toBe(2);
      for (const snapshot of snapshots) expect(snapshot.countries.KH).toMatchObject({ status: 'denial-with-exceptions', policyVersion: 1 });
    });

    it('never answers a reader from a pass that began before it: a change committed meanwhile is seen', async () => {
      const store = new InMemoryEventStore();
      const register = new PolicyRegisterReadModel(store);
      const before = register.snapshot('2025-11-06');
      await append(store, countryPolicyStream('KH'), '00000000-0000-4000-8000-000000000001', 'CountryStatusChanged', cambodiaListed, 'no-stream');
      const after = register.snapshot('2025-11-06');
      expect((await before).countries.KH).toBeUndefined();
      expect((await after).countries.KH).toMatchObject({ status: 'denial-with-exceptions' });
    });

    it('builds a snapshot once per date and register state', async () => {
      const store = new InMemoryEventStore();
      await append(store, countryPolicyStream('KH'), '00000000-0000-4000-8000-000000000001', 'CountryStatusChanged', cambodiaListed, 'no-stream');
      const register = new PolicyRegisterReadModel(store);
      const first = await register.snapshot('2025-11-08');
      expect(await register.snapshot('2025-11-08')).toBe(first);
      expect((await register.snapshot('2021-12-08')).countries.KH).toMatchObject({ status: 'not-listed' });
      expect(first.countries.KH).toMatchObject({ status: 'denial-with-exceptions', policyVersion: 1 });
      await append(store, countryPolicyStream('KH'), '00000000-0000-4000-8000-000000000003', 'CountryStatusChanged', cambodiaRemoved, 0n);
      expect((await register.snapshot('2025-11-08')).countries.KH).toMatchObject({ status: 'not-listed', policyVersion: 2 });
    });
  });
});
