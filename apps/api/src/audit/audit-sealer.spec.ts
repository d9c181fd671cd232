import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AUDIT_SEAL_STREAM, InMemoryEventStore, sealDataOf, SqliteWorkerLeases, type NewEvent } from '@app/infra';
import { ConfigError } from '../shared/config/app-config';
import { WorkerLeaseKeeper } from '../shared/leases/worker-lease-keeper';
import { Metrics } from '../shared/metrics/metrics.service';
import { sealIntervalMs } from './audit-config';
import { AuditSealer } from './audit-sealer';

/** The test's clock is Jest's fake one, so a seal's sealedAt moves with the timers the sealer runs on. */
const clock = { now: () => new Date() };
const START = new Date('2025-11-07T00:00:00.000Z');
const anEvent = (): NewEvent => ({
  id: randomUUID(),
  type: 'Tested',
  data: {},
  metadata: { actor: 'u', correlationId: 'c', causationId: null, schemaVersion: 1 },
});

describe('The periodic sealer', () => {
  const saved = process.env.AUDIT_SEAL_INTERVAL_SECONDS;
  let dir: string;
  const keepers: WorkerLeaseKeeper[] = [];
  /** One instance's leases, all instances on one lease file (as the processes of one DATA_DIR). */
  const leasesOfAnInstance = () => {
    const keeper = new WorkerLeaseKeeper(SqliteWorkerLeases.open(path.join(dir, 'leases.sqlite')), new Metrics());
    keepers.push(keeper);
    return keeper;
  };
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'lcm-sealer-'));
  });
  afterEach(async () => {
    jest.useRealTimers();
    for (const keeper of keepers.splice(0)) await keeper.beforeApplicationShutdown();
    rmSync(dir, { recursive: true, force: true });
    if (saved === undefined) delete process.env.AUDIT_SEAL_INTERVAL_SECONDS;
    else process.env.AUDIT_SEAL_INTERVAL_SECONDS = saved;
  });

  it('seals every AUDIT_SEAL_INTERVAL_SECONDS when something new was appended, and not otherwise', async () => {
    jest.useFakeTimers({ now: START });
    process.env.AUDIT_SEAL_INTERVAL_SECONDS = '60';
    const store = new InMemoryEventStore({ now: clock.now });
    const sealer = new AuditSealer(store, clock, randomUUID, leasesOfAnInstance());
    await store.appendToStream('LicenceApplication-a', [anEvent()], { expectedRevision: 'no-stream' });
    sealer.onApplicationBootstrap();

    await jest.advanceTimersByTimeAsync(59_000);
    expect(await store.readStream(AUDIT_SEAL_STREAM)).toEqual([]);
    await jest.advanceTimersByTimeAsync(1_000);
    const seals = await store.readStream(AUDIT_SEAL_STREAM);
    expect(seals.map((seal) => sealDataOf(seal))).toEqual([expect.objectContaining({ reason: 'periodic', sealedUpTo: '1', requestedBy: null })]);

    await jest.advanceTimersByTimeAsync(120_000);
    expect(await store.readStream(AUDIT_SEAL_STREAM)).toHaveLength(1);
    await sealer.onModuleDestroy();
  });

  it('seals once per period however many instances run, and another instance takes over when the sealing one stops', async () => {
    jest.useFakeTimers({ now: START });
    process.env.AUDIT_SEAL_INTERVAL_SECONDS = '60';
    const store = new InMemoryEventStore({ now: clock.now });
    const instances = [leasesOfAnInstance(), leasesOfAnInstance(), leasesOfAnInstance()];
    const sealers = instances.map((leases) => new AuditSealer(store, clock, randomUUID, leases));
    const seals = async () => (await store.readStream(AUDIT_SEAL_STREAM)).length;
    let appended = 0;
    /** 20 s of a busy log: something new before each instance's timer fires, so each would seal without the lease. */
    const busy20s = async () => {
      appended += 1;
      await store.appendToStream(`LicenceApplication-${appended}`, [anEvent()], { expectedRevision: 'no-stream' });
      await jest.advanceTimersByTimeAsync(20_000);
    };
    // The instances start 20 s apart: their periods are out of phase.
    for (const sealer of sealers) {
      sealer.onApplicationBootstrap();
      await busy20s();
    }
    for (let step = 0; step < 6; step += 1) await busy20s(); // t = 180 s: three periods of the first instance
    expect(await seals()).toBe(3);
    const holders = () => instances.flatMap((leases, index) => (leases.lease('audit-seal').held ? [index] : []));
    expect(holders()).toEqual([0]);

    // The sealing instance shuts down (its lease is given up): the next instance whose timer fires takes over. Its
    // timer fires at 200 s, 20 s after the last seal: that period is sealed, so it seals next at 260 s.
    await sealers[0].onModuleDestroy();
    await instances[0].beforeApplicationShutdown();
    for (let step = 0; step < 6; step += 1) await busy20s(); // t = 300 s
    const sealedAt = (await store.readStream(AUDIT_SEAL_STREAM)).map((seal) => sealDataOf(seal)?.sealedAt);
    expect(sealedAt).toEqual(['00:01:00', '00:02:00', '00:03:00', '00:04:20'].map((time) => `2025-11-07T${time}.000Z`));
    expect(holders()).toEqual([1]);
    for (const sealer of sealers) await sealer.onModuleDestroy();
  });

  it('reads its period from the environment: default 600 s, 0 turns it off, anything else is refused', () => {
    expect(sealIntervalMs({})).toBe(600_000);
    expect(sealIntervalMs({ AUDIT_SEAL_INTERVAL_SECONDS: '0' })).toBe(0);
    expect(() => sealIntervalMs({ AUDIT_SEAL_INTERVAL_SECONDS: '-5' })).toThrow(ConfigError);
    expect(() => sealIntervalMs({ AUDIT_SEAL_INTERVAL_SECONDS: 'often' })).toThrow(ConfigError);
  });
});
