import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Logger } from '@nestjs/common';
import { SqliteWorkerLeases, type WorkerLeases } from '@app/infra';
import { ConfigError } from '../config/app-config';
import { WorkerLease } from './worker-lease';
import { leaseTtlMs } from './worker-leases.provider';

describe('WorkerLease: one worker lease as the worker sees it', () => {
  let dir: string;
  let now: number;
  const stores: WorkerLeases[] = [];
  const logger = new Logger('WorkerLeasesSpec');
  const lines: string[] = [];
  const instance = (ttlMs = 1_000) => {
    const store = SqliteWorkerLeases.open(path.join(dir, 'leases.sqlite'), { ttlMs, now: () => now });
    stores.push(store);
    return store;
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'lcm-worker-lease-'));
    now = Date.now();
    lines.length = 0;
    const record = (message: unknown) => void lines.push(typeof message === 'string' ? message : (message as { message: string }).message);
    jest.spyOn(logger, 'log').mockImplementation(record);
    jest.spyOn(logger, 'warn').mockImplementation(record);
    jest.spyOn(logger, 'error').mockImplementation(record);
  });
  afterEach(async () => {
    jest.useRealTimers();
    for (const store of stores.splice(0)) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the lease through background renewals while held, so the other instance never gets it', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    const a = new WorkerLease(instance(), 'reevaluation', logger);
    const b = new WorkerLease(instance(), 'reevaluation', logger);
    expect(await a.hold()).toBe(true);
    for (let step = 0; step < 10; step += 1) {
      now += 500; // five TTLs in all, and a never calls hold() again itself
      await jest.advanceTimersByTimeAsync(500);
      expect(await b.hold()).toBe(false);
    }
    expect(a.held).toBe(true);
    expect(lines.filter((line) => line.startsWith('Holding the worker lease "reevaluation"'))).toHaveLength(1);
  });

  it('marks the lease lost when a renewal fails, says so once, and lets the worker take it again later', async () => {
    const store = instance();
    const a = new WorkerLease(store, 'audit-seal', logger);
    const b = new WorkerLease(instance(), 'audit-seal', logger);
    expect(await a.hold()).toBe(true);
    now += 1_000; // a was paused past its TTL: b takes the lease
    expect(await b.hold()).toBe(true);
    expect(await a.hold()).toBe(false);
    expect(a.held).toBe(false);
    expect(lines.filter((line) => line.startsWith('Lost the worker lease "audit-seal"'))).toHaveLength(1);
    await b.release();
    expect(await a.hold()).toBe(true);
  });

  it('answers false, and logs the cause once, when the lease store fails', async () => {
    const failing: WorkerLeases = {
      instanceId: 'broken',
      renewEveryMs: 1_000,
      hold: () => Promise.reject(new Error('disk I/O error')),
      release: () => Promise.resolve(),
      releaseAll: () => Promise.resolve(),
      close: () => Promise.resolve(),
    };
    const lease = new WorkerLease(failing, 'licence-expiry', logger);
    expect(await lease.hold()).toBe(false);
    expect(await lease.hold()).toBe(false);
    expect(lines).toEqual(['Worker lease "licence-expiry" could not be taken or renewed: disk I/O error']);
  });

  it('holds nothing once released at shutdown, and frees the name for the others', async () => {
    const a = new WorkerLease(instance(), 'reevaluation', logger);
    const b = new WorkerLease(instance(), 'reevaluation', logger);
    await a.hold();
    await a.release();
    expect(await a.hold()).toBe(false);
    expect(await b.hold()).toBe(true);
  });

  it('reads WORKER_LEASE_TTL_SECONDS: default 10 s, refuses what is not a duration from 1 s to 10 min', () => {
    expect(leaseTtlMs({})).toBe(10_000);
    expect(leaseTtlMs({ WORKER_LEASE_TTL_SECONDS: '2.5' })).toBe(2_500);
    for (const bad of ['0', '-1', 'soon', '601']) expect(() => leaseTtlMs({ WORKER_LEASE_TTL_SECONDS: bad })).toThrow(ConfigError);
  });
});
