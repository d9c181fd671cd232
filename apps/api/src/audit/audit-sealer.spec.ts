import { randomUUID } from 'node:crypto';
import { AUDIT_SEAL_STREAM, InMemoryEventStore, sealDataOf } from '@app/infra';
import { ConfigError } from '../shared/config/app-config';
import { sealIntervalMs } from './audit-config';
import { AuditSealer } from './audit-sealer';

const clock = { now: () => new Date('2025-11-07T00:00:00.000Z') };

describe('The periodic sealer', () => {
  const saved = process.env.AUDIT_SEAL_INTERVAL_SECONDS;
  afterEach(() => {
    jest.useRealTimers();
    if (saved === undefined) delete process.env.AUDIT_SEAL_INTERVAL_SECONDS;
    else process.env.AUDIT_SEAL_INTERVAL_SECONDS = saved;
  });

  it('seals every AUDIT_SEAL_INTERVAL_SECONDS when something new was appended, and not otherwise', async () => {
    jest.useFakeTimers();
    process.env.AUDIT_SEAL_INTERVAL_SECONDS = '60';
    const store = new InMemoryEventStore({ now: clock.now });
    const sealer = new AuditSealer(store, clock, randomUUID);
    await store.appendToStream('LicenceApplication-a', [
      { id: randomUUID(), type: 'Tested', data: {}, metadata: { actor: 'u', correlationId: 'c', causationId: null, schemaVersion: 1 } },
    ], { expectedRevision: 'no-stream' });
    sealer.onApplicationBootstrap();

    await jest.advanceTimersByTimeAsync(59_000);
    expect(await store.readStream(AUDIT_SEAL_STREAM)).toEqual([]);
    await jest.advanceTimersByTimeAsync(1_000);
    const seals = await store.readStream(AUDIT_SEAL_STREAM);
    expect(seals.map((seal) => sealDataOf(seal))).toEqual([expect.objectContaining({ reason: 'periodic', sealedUpTo: '1', requestedBy: null })]);

    await jest.advanceTimersByTimeAsync(120_000);
    expect(await store.readStream(AUDIT_SEAL_STREAM)).toHaveLength(1);
    sealer.onApplicationShutdown();
  });

  it('reads its period from the environment: default 600 s, 0 turns it off, anything else is refused', () => {
    expect(sealIntervalMs({})).toBe(600_000);
    expect(sealIntervalMs({ AUDIT_SEAL_INTERVAL_SECONDS: '0' })).toBe(0);
    expect(() => sealIntervalMs({ AUDIT_SEAL_INTERVAL_SECONDS: '-5' })).toThrow(ConfigError);
    expect(() => sealIntervalMs({ AUDIT_SEAL_INTERVAL_SECONDS: 'often' })).toThrow(ConfigError);
  });
});
