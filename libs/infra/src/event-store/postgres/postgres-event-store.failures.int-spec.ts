import { describeWithPostgres } from '../../postgres/testing/postgres-test-database';
import { newEvent, newEvents, rejectionOf } from '../conformance/conformance-fixture';
import { StoreUnavailableError } from '../event-store.errors';
import { PostgresEventStore } from './postgres-event-store';
import { PostgresStoreFixture } from './testing/postgres-store.fixture';
import { TcpProxy } from './testing/tcp-proxy';

/** Lost connections and a lost server: StoreUnavailableError while it lasts, and recovery without intervention. */
describeWithPostgres('PostgresEventStore when connections or the server go away', (database) => {
  const fixture = new PostgresStoreFixture(database);
  afterEach(() => fixture.cleanUp());
  afterAll(() => fixture.end());

  const STORE_APP = 'event-store-under-test';

  /** A store on a pool whose connections can be told apart in pg_stat_activity. */
  async function storeUnderTest(): Promise<PostgresEventStore> {
    return fixture.store({}, await fixture.pool(4, STORE_APP));
  }

  /** The store's connections (those waiting for a lock only, with `waitingForLock`). */
  async function storeBackends(waitingForLock = false): Promise<number[]> {
    const { rows } = await (await fixture.observer()).query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND (NOT $2 OR wait_event_type = 'Lock')
       ORDER BY pid`,
      [STORE_APP, waitingForLock],
    );
    return rows.map((row) => row.pid);
  }

  /** Terminates every other connection to this database, as an operator (or a failover) would. */
  async function terminateOtherBackends(): Promise<number> {
    const { rows } = await (await fixture.observer()).query<{ terminated: boolean }>(
      `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    return rows.filter((row) => row.terminated).length;
  }

  it('fails fast with StoreUnavailableError, naming the store without its password, when nothing answers', async () => {
    const started = Date.now();
    const error = await rejectionOf(PostgresEventStore.connect('postgres://lcm:s3cret@127.0.0.1:1/cases'));
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as StoreUnavailableError).store).toBe('postgres://lcm:***@127.0.0.1:1/cases');
    expect((error as Error).message).not.toMatch(/s3cret/);
    expect(Date.now() - started).toBeLessThan(6_000);
  });

  it('works again by itself after its connections are terminated: at most one call fails, as unavailable', async () => {
    const store = await storeUnderTest();
    const event = newEvent();
    await store.appendToStream('licence-t1', newEvents(2), { expectedRevision: 'no-stream' });
    // Several idle connections in the pool, all about to be cut.
    await Promise.all([1, 2, 3, 4].map(() => store.readStream('licence-t1')));
    const before = await storeBackends();
    expect(before.length).toBeGreaterThan(0);
    expect(await terminateOtherBackends()).toBeGreaterThanOrEqual(before.length);

    const calls: Array<() => Promise<unknown>> = [
      () => store.readStream('licence-t1'),
      () => store.streamRevision('licence-t1'),
      () => store.appendToStream('licence-t1', [event], { expectedRevision: 1n }),
      () => store.readAll({ limit: 10 }),
      () => store.lastPosition(),
      () => store.logId(),
      () => store.countEvents(['licence']),
    ];
    const outcomes: PromiseSettledResult<unknown>[] = [];
    for (const call of calls) outcomes.push(...(await Promise.allSettled([call()])));
    const failures = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(failures.length).toBeLessThanOrEqual(1);
    for (const failure of failures) expect(failure.reason).toBeInstanceOf(StoreUnavailableError);

    // Whether or not the append was among the failures, its retry leaves it written exactly once.
    expect((await store.appendToStream('licence-t1', [event], { expectedRevision: 1n })).nextExpectedRevision).toBe(2n);
    expect((await store.readStream('licence-t1')).map((e) => e.revision)).toEqual([0n, 1n, 2n]);
    const after = await storeBackends();
    expect(after.filter((pid) => before.includes(pid))).toEqual([]);
  });

  it('finishes an append whose connection dies mid-transaction on a new connection, exactly once', async () => {
    const store = await storeUnderTest();
    const holder = await (await fixture.observer()).connect();
    try {
      // Another writer holds the head lock: the store's transaction is open and waiting when its backend dies.
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM log_head FOR UPDATE');
      const appending = store.appendToStream('licence-m1', newEvents(2), { expectedRevision: 'no-stream' });
      await waitFor(async () => (await storeBackends(true)).length > 0);
      const [victim] = await storeBackends(true);
      await holder.query('SELECT pg_terminate_backend($1)', [victim]);
      // The append runs again on a new connection, which waits for the lock in turn.
      await waitFor(async () => (await storeBackends(true)).some((pid) => pid !== victim));
      await holder.query('ROLLBACK');
      expect((await appending).nextExpectedRevision).toBe(1n);
    } finally {
      holder.release();
    }
    expect(await fixture.countEvents()).toBe(2);
  });

  it('gives up as unavailable, writing nothing, when another transaction holds the log for too long', async () => {
    const store = await fixture.store({ lockTimeoutMs: 200 });
    const holder = await (await fixture.observer()).connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM log_head FOR UPDATE');
      const error = await rejectionOf(store.appendToStream('licence-l1', [newEvent()], { expectedRevision: 'no-stream' }));
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as Error).message).toMatch(/stayed locked/);
      await holder.query('ROLLBACK');
    } finally {
      holder.release();
    }
    expect(await fixture.countEvents()).toBe(0);
    expect((await store.appendToStream('licence-l1', [newEvent()], { expectedRevision: 'no-stream' })).position).toBe('1');
    await expect(fixture.store({ lockTimeoutMs: 0 })).rejects.toThrow(RangeError);
  });

  it('answers StoreUnavailableError while the server is down, and works again when it is back', async () => {
    const target = new URL(await fixture.url());
    const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    await proxy.start();
    const viaProxy = new URL(target);
    viaProxy.port = String(proxy.port);
    let store: PostgresEventStore | null = null;
    try {
      store = await PostgresEventStore.connect(viaProxy.toString(), { storeName: 'events-under-test' });
      const opened = store;
      await opened.appendToStream('licence-p1', [newEvent()], { expectedRevision: 'no-stream' });
      await proxy.stop();

      const event = newEvent();
      const started = Date.now();
      const duringOutage = [
        () => opened.appendToStream('licence-p1', [event], { expectedRevision: 0n }),
        () => opened.readStream('licence-p1'),
        () => opened.readAll({ limit: 10 }),
        () => opened.lastPosition(),
        () => opened.logId(),
      ];
      for (const call of duringOutage) {
        const error = await rejectionOf(call());
        expect(error).toBeInstanceOf(StoreUnavailableError);
        expect((error as StoreUnavailableError).store).toBe('events-under-test');
      }
      expect(Date.now() - started).toBeLessThan(5_000);
      await expect(PostgresEventStore.connect(viaProxy.toString())).rejects.toBeInstanceOf(StoreUnavailableError);

      await proxy.start();
      const retried = await opened.appendToStream('licence-p1', [event], { expectedRevision: 0n });
      expect(retried.nextExpectedRevision).toBe(1n);
      expect(await opened.readStream('licence-p1')).toHaveLength(2);
    } finally {
      await store?.close();
      await proxy.stop();
    }
  });
});

/** Polls `condition` every 10 ms, for up to 5 s. */
async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('Condition not met within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
