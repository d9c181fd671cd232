import type { Pool } from 'pg';
import { openPostgresPool } from '../postgres/postgres-pool';
import { describeWithPostgres } from '../postgres/testing/postgres-test-database';
import { PostgresWorkerLeases, WORKER_LEASE_LOCK_SPACE } from './postgres-worker-leases';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeWithPostgres('PostgresWorkerLeases: two instances on two pools', (database) => {
  const pools: Pool[] = [];
  const leases: PostgresWorkerLeases[] = [];
  const instance = async (instanceId: string) => {
    const pool = await openPostgresPool(database().url, { max: 3, applicationName: `lease-test ${instanceId}` });
    pools.push(pool);
    const created = new PostgresWorkerLeases(pool, { instanceId });
    leases.push(created);
    return created;
  };
  /** The backends holding the lease's advisory lock, as PostgreSQL sees them. */
  const holders = async (name: string): Promise<string[]> => {
    const { rows } = await pools[0].query<{ app: string }>(
      `SELECT a.application_name AS app FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1::int::oid AND l.objid = hashtext($2)::oid AND l.objsubid = 2`,
      [WORKER_LEASE_LOCK_SPACE, name],
    );
    return rows.map((row) => row.app);
  };

  const holderPids = async (name: string): Promise<number[]> =>
    (
      await pools[0].query<{ pid: number }>(
        `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = $1::int::oid AND objid = hashtext($2)::oid AND objsubid = 2`,
        [WORKER_LEASE_LOCK_SPACE, name],
      )
    ).rows.map((row) => row.pid);

  afterEach(async () => {
    for (const created of leases.splice(0)) await created.close();
    for (const pool of pools.splice(0)) await pool.end();
  });

  it('lets one instance hold a name; renewing it does not stack the lock, so one release frees it', async () => {
    const a = await instance('a');
    const b = await instance('b');
    expect(await a.hold('reevaluation')).toBe(true);
    expect(await a.hold('reevaluation')).toBe(true);
    expect(await b.hold('reevaluation')).toBe(false);
    expect(await b.hold('audit-seal')).toBe(true);
    expect(await holders('reevaluation')).toEqual(['lease-test a']);
    await a.release('reevaluation');
    expect(await holders('reevaluation')).toEqual([]);
    expect(await b.hold('reevaluation')).toBe(true);
    expect(await a.hold('reevaluation')).toBe(false);
  });

  it("hands the lease over as soon as the holder's connection is terminated", async () => {
    const a = await instance('a');
    const b = await instance('b');
    expect(await a.hold('reevaluation')).toBe(true);
    expect(await b.hold('reevaluation')).toBe(false);
    const { rows } = await pools[1].query<{ terminated: boolean }>(
      `SELECT pg_terminate_backend(l.pid) AS terminated FROM pg_locks l
       WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1::int::oid AND l.objid = hashtext($2)::oid`,
      [WORKER_LEASE_LOCK_SPACE, 'reevaluation'],
    );
    expect(rows).toEqual([{ terminated: true }]);
    // The backend exits asynchronously: b takes the lease on one of its next tries.
    let taken = false;
    for (let attempt = 0; attempt < 50 && !taken; attempt += 1) {
      taken = await b.hold('reevaluation');
      if (!taken) await sleep(20);
    }
    expect(taken).toBe(true);
    // a learns it lost the lease (its connection is gone), then cannot take it back from b on a new connection.
    expect(await a.hold('reevaluation')).toBe(false);
    expect(await a.hold('reevaluation')).toBe(false);
    expect(await holders('reevaluation')).toEqual(['lease-test b']);
  });

  it('takes the lease again on a new connection after its own connection died, when nobody else took it', async () => {
    const a = await instance('a');
    expect(await a.hold('licence-expiry')).toBe(true);
    const before = await holderPids('licence-expiry');
    await pools[0].query('SELECT pg_terminate_backend($1)', [before[0]]);
    // The dead connection is noticed (its error event, or a failing check) and the next tries take a new one.
    let held = false;
    for (let attempt = 0; attempt < 50 && !held; attempt += 1) {
      held = (await a.hold('licence-expiry')) && (await holderPids('licence-expiry')).length === 1;
      if (!held) await sleep(20);
    }
    expect(held).toBe(true);
    const after = await holderPids('licence-expiry');
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before[0]);
    expect(await holders('licence-expiry')).toEqual(['lease-test a']);
  });

  it('frees every lease on releaseAll and close, and returns its connection to the pool', async () => {
    const a = await instance('a');
    const b = await instance('b');
    await a.hold('reevaluation');
    await a.hold('audit-seal');
    await a.releaseAll();
    expect(await b.hold('reevaluation')).toBe(true);
    expect(await b.hold('audit-seal')).toBe(true);
    await b.close();
    expect(await holders('reevaluation')).toEqual([]);
    expect(await b.hold('reevaluation')).toBe(false);
    expect(pools[1].totalCount - pools[1].idleCount).toBe(0);
  });
});
