import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ownerProcessIsGone, SqliteWorkerLeases } from './sqlite-worker-leases';

describe('SqliteWorkerLeases: two instances on one file', () => {
  let dir: string;
  let file: string;
  let clock: number;
  const opened: SqliteWorkerLeases[] = [];
  const gone = new Set<string>();
  const open = (instanceId: string, ttlMs = 10_000) => {
    const leases = SqliteWorkerLeases.open(file, { instanceId, ttlMs, now: () => clock, ownerIsGone: (owner) => gone.has(owner) });
    opened.push(leases);
    return leases;
  };
  const rows = () => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare('SELECT name, owner, expires_at AS expiresAt FROM worker_leases ORDER BY name').all();
    } finally {
      db.close();
    }
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'lcm-leases-'));
    file = path.join(dir, 'idempotency.sqlite');
    clock = 1_000_000;
    gone.clear();
  });
  afterEach(async () => {
    for (const leases of opened.splice(0)) await leases.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets one instance hold a name; the other is refused while the lease is renewed', async () => {
    const a = open('a');
    const b = open('b');
    expect(await a.hold('reevaluation')).toBe(true);
    expect(await b.hold('reevaluation')).toBe(false);
    clock += 6_000;
    expect(await a.hold('reevaluation')).toBe(true); // renewed: 10 s from now
    clock += 6_000;
    expect(await b.hold('reevaluation')).toBe(false);
    expect(rows()).toEqual([{ name: 'reevaluation', owner: 'a', expiresAt: 1_016_000 }]);
  });

  it('keeps names apart: each can have its own holder', async () => {
    const a = open('a');
    const b = open('b');
    expect(await a.hold('reevaluation')).toBe(true);
    expect(await b.hold('audit-seal')).toBe(true);
    expect(await a.hold('audit-seal')).toBe(false);
    expect(await b.hold('reevaluation')).toBe(false);
  });

  it('hands an expired lease to the next instance that asks, and the former holder learns it lost it', async () => {
    const a = open('a', 3_000);
    const b = open('b', 3_000);
    expect(await a.hold('licence-expiry')).toBe(true);
    clock += 2_999;
    expect(await b.hold('licence-expiry')).toBe(false);
    clock += 1; // a has not renewed for a whole TTL: it is presumed dead
    expect(await b.hold('licence-expiry')).toBe(true);
    expect(await a.hold('licence-expiry')).toBe(false);
    expect(rows()).toEqual([{ name: 'licence-expiry', owner: 'b', expiresAt: 1_006_000 }]);
  });

  it('hands the lease over at once, before it expires, when its owner is known to be gone', async () => {
    const a = open('a');
    const b = open('b');
    expect(await a.hold('reevaluation')).toBe(true);
    expect(await b.hold('reevaluation')).toBe(false);
    gone.add('a');
    expect(await b.hold('reevaluation')).toBe(true);
    expect(rows()).toEqual([{ name: 'reevaluation', owner: 'b', expiresAt: 1_010_000 }]);
  });

  it('tells a process of this machine that is gone from a live one, and never judges another machine', () => {
    const exited = spawnSync(process.execPath, ['-e', '']).pid;
    expect(ownerProcessIsGone(`${hostname()}:${exited}:1234abcd`)).toBe(true);
    expect(ownerProcessIsGone(`${hostname()}:${process.pid}:1234abcd`)).toBe(false);
    expect(ownerProcessIsGone(`another-host:${exited}:1234abcd`)).toBe(false);
    expect(ownerProcessIsGone('not-an-instance-id')).toBe(false);
  });

  it('frees a released lease at once, and release by a non-holder changes nothing', async () => {
    const a = open('a');
    const b = open('b');
    await a.hold('reevaluation');
    await b.release('reevaluation');
    expect(await b.hold('reevaluation')).toBe(false);
    await a.release('reevaluation');
    expect(await b.hold('reevaluation')).toBe(true);
  });

  it('releases every lease of the instance on releaseAll and on close, none of the others', async () => {
    const a = open('a');
    const b = open('b');
    await a.hold('reevaluation');
    await a.hold('audit-seal');
    await b.hold('licence-expiry');
    await a.releaseAll();
    expect(rows()).toEqual([expect.objectContaining({ name: 'licence-expiry', owner: 'b' })]);
    await a.hold('reevaluation');
    await a.close();
    expect(await a.hold('reevaluation')).toBe(false);
    expect(await b.hold('reevaluation')).toBe(true);
  });

  it('lives beside the tables of a file another component migrates, without touching its schema versions', async () => {
    const db = new Database(file);
    db.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL); INSERT INTO schema_migrations VALUES (1, 'keys')");
    db.close();
    const a = open('a');
    expect(await a.hold('reevaluation')).toBe(true);
    const check = new Database(file, { readonly: true });
    expect(check.prepare('SELECT version, name FROM schema_migrations').all()).toEqual([{ version: 1, name: 'keys' }]);
    check.close();
  });

  it('renews five times per TTL and refuses a TTL too short to renew', () => {
    expect(open('a', 10_000).renewEveryMs).toBe(2_000);
    expect(() => open('b', 50)).toThrow(/TTL/);
  });
});
