import { describeWithPostgres } from '../../postgres/testing/postgres-test-database';
import { newEvent, newEvents } from '../conformance/conformance-fixture';
import { PostgresEventStore } from './postgres-event-store';
import { POSTGRES_EVENT_STORE_MIGRATIONS } from './postgres-event-store.schema';
import { PostgresStoreFixture } from './testing/postgres-store.fixture';

/** What the PostgreSQL adapter keeps in its tables, and how it treats its pool. */
describeWithPostgres('PostgresEventStore (PostgreSQL specifics)', (database) => {
  const fixture = new PostgresStoreFixture(database);
  afterEach(() => fixture.cleanUp());
  afterAll(() => fixture.end());

  it('keeps data and metadata as the exact JSON text that was hashed, key order included', async () => {
    const store = await fixture.store();
    const event = newEvent({ data: { zeta: 1, alpha: { y: [3, 1.25e-7], b: 'ü' }, big: 1e21 } });
    await store.appendToStream('licence-x1', [event], { expectedRevision: 'no-stream' });
    const { rows } = await (await fixture.observer()).query<{ data: string; metadata: string; recorded_at: string }>(
      'SELECT data, metadata, recorded_at FROM events',
    );
    expect(rows).toEqual([
      { data: JSON.stringify(event.data), metadata: JSON.stringify(event.metadata), recorded_at: expect.any(String) },
    ]);
    const types = await (await fixture.observer()).query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = 'events' AND column_name IN ('data', 'metadata')
       ORDER BY column_name`,
    );
    expect(types.rows.map((row) => row.data_type)).toEqual(['text', 'text']);
  });

  it('refuses to update, delete or truncate events, and to change the log id once the log holds events', async () => {
    const store = await fixture.store();
    await store.appendToStream('licence-x2', newEvents(2), { expectedRevision: 'no-stream' });
    const observer = await fixture.observer();
    await expect(observer.query("UPDATE events SET type = 'Forged'")).rejects.toThrow(/append-only/);
    await expect(observer.query('DELETE FROM events')).rejects.toThrow(/append-only/);
    await expect(observer.query('TRUNCATE events')).rejects.toThrow(/append-only/);
    await expect(observer.query("UPDATE log_head SET log_id = 'forged'")).rejects.toThrow(/fixed/);
    await expect(observer.query('DELETE FROM log_head')).rejects.toThrow(/cannot be deleted/);
    expect(await store.readStream('licence-x2')).toHaveLength(2);
  });

  it('writes the log id once: the same across reopen, another in another schema', async () => {
    const pool = await fixture.pool();
    const first = await fixture.store({}, pool);
    const logId = await first.logId();
    expect(logId).toMatch(/^[0-9a-f]{32}$/);
    await first.close();
    const again = await fixture.store({}, pool);
    expect(await again.logId()).toBe(logId);

    const { rows } = await pool.query<{ version: number; name: string }>(
      "SELECT version, name FROM schema_migrations WHERE component = 'event-store' ORDER BY version",
    );
    expect(rows).toEqual(POSTGRES_EVENT_STORE_MIGRATIONS.map(({ version, name }) => ({ version, name })));
    await fixture.cleanUp();
    expect(await (await fixture.store()).logId()).not.toBe(logId);
  });

  it('leaves a pool it was given open on close, and ends a pool it opened itself', async () => {
    const pool = await fixture.pool();
    const given = await fixture.store({}, pool);
    await given.close();
    expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);

    const url = await fixture.url();
    const own = await PostgresEventStore.connect(url);
    await own.appendToStream('licence-x3', [newEvent()], { expectedRevision: 'no-stream' });
    const connections = async () =>
      (
        await pool.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'licence-case-manager event-store'",
        )
      ).rows[0].n;
    expect(await connections()).toBeGreaterThan(0);
    await own.close();
    await own.close();
    // A pool's end() closes its sockets; the server notices a moment later.
    for (let i = 0; i < 50 && (await connections()) > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await connections()).toBe(0);
    await expect(own.readAll({ limit: 1 })).rejects.toThrow(/closed/);
  });

  it('counts events by its head and by category without reading them', async () => {
    const store = await fixture.store();
    expect(await store.countEvents()).toBe(0);
    await store.appendToStream('licence-x4', newEvents(3), { expectedRevision: 'no-stream' });
    await store.appendToStream('policy-x4', newEvents(2), { expectedRevision: 'no-stream' });
    expect(await store.countEvents()).toBe(5);
    expect(await store.countEvents(['licence'])).toBe(3);
    expect(await store.countEvents(['licence', 'policy', 'licence'])).toBe(5);
    expect(await store.countEvents([])).toBe(0);
  });
});
