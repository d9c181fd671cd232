import { describeEventStoreConformance, TestClock } from '../event-store.conformance';
import { WrongExpectedVersionError } from '../event-store.errors';
import { newEvent } from '../conformance/conformance-fixture';
import { SqliteEventStore } from './sqlite-event-store';
import { applyMigrations, EVENT_STORE_MIGRATIONS } from './sqlite-event-store.schema';
import { sqliteFileFixture, type SqliteFileFixture } from './testing/sqlite-file.fixture';

describeEventStoreConformance(
  'SqliteEventStore',
  async ({ now }) => {
    const fixture = sqliteFileFixture('events.sqlite', (file) => SqliteEventStore.open(file, { now }));
    return { store: fixture.open(), reopen: async () => fixture.open(), dispose: fixture.dispose };
  },
  { durable: true },
);

describe('SqliteEventStore (SQLite specifics)', () => {
  let fixture: SqliteFileFixture<SqliteEventStore>;
  let clock: TestClock;
  const open = () => fixture.open();

  beforeEach(() => {
    clock = new TestClock();
    fixture = sqliteFileFixture('events.sqlite', (file) => SqliteEventStore.open(file, { now: clock.now }));
  });
  afterEach(() => fixture.dispose());

  it('runs in WAL mode with synchronous=FULL, foreign keys on and a 5 s busy timeout', () => {
    const db = open().database;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('records its migrations once, and applies nothing again on reopen', async () => {
    const first = open();
    const rows = () => first.database.prepare('SELECT version, name, applied_at FROM schema_migrations').all();
    const all = (at: string) => EVENT_STORE_MIGRATIONS.map(({ version, name }) => ({ version, name, applied_at: at }));
    expect(rows()).toEqual(all(clock.iso()));
    await first.close();

    clock.advance(60_000);
    const second = open();
    expect(second.database.prepare('SELECT version, name, applied_at FROM schema_migrations').all()).toEqual(
      all(new Date(clock.now().getTime() - 60_000).toISOString()),
    );
    expect(applyMigrations(second.database, EVENT_STORE_MIGRATIONS, clock.now)).toEqual([]);
  });

  it('refuses a file whose schema comes from a newer build', async () => {
    const store = open();
    store.database.prepare("INSERT INTO schema_migrations VALUES (999, 'from-the-future', 'x')").run();
    await store.close();
    expect(() => open()).toThrow(/unknown to this build/);
  });

  it('has an identity of its own, kept on reopen and fixed', async () => {
    const first = open();
    const id = await first.logId();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(() => first.database.prepare("UPDATE log_identity SET log_id = 'x'").run()).toThrow(/fixed/);
    expect(() => first.database.prepare('DELETE FROM log_identity').run()).toThrow(/fixed/);
    await first.close();
    const reopened = open();
    expect(await reopened.logId()).toBe(id);
    const other = sqliteFileFixture('events.sqlite', (file) => SqliteEventStore.open(file));
    expect(await other.open().logId()).not.toBe(id);
    await other.dispose();
  });

  it('refuses to update or delete stored events', async () => {
    const store = open();
    await store.appendToStream('licence-s1', [newEvent()], { expectedRevision: 'no-stream' });
    expect(() => store.database.prepare("UPDATE events SET type = 'Forged'").run()).toThrow(/append-only/);
    expect(() => store.database.prepare('DELETE FROM events').run()).toThrow(/append-only/);
  });

  it('lets exactly one of two connections on the same file win a race at the same revision', async () => {
    const [a, b] = [open(), open()];
    await a.appendToStream('licence-s2', [newEvent()], { expectedRevision: 'no-stream' });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 === 0 ? a : b).appendToStream('licence-s2', [newEvent()], { expectedRevision: 0n }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')) {
      expect(outcome.reason).toBeInstanceOf(WrongExpectedVersionError);
    }
    expect(await a.readStream('licence-s2')).toEqual(await b.readStream('licence-s2'));
    expect(await b.streamRevision('licence-s2')).toBe(1n);
  });

  it('takes the write lock before checking: an append waits for, then fails on, another writer', async () => {
    const [a, b] = [open(), open()];
    a.database.pragma('busy_timeout = 50');
    b.database.exec('BEGIN IMMEDIATE');
    await expect(a.appendToStream('licence-s3', [newEvent()], { expectedRevision: 'no-stream' })).rejects.toMatchObject(
      { code: 'SQLITE_BUSY' },
    );
    b.database.exec('ROLLBACK');
    await a.appendToStream('licence-s3', [newEvent()], { expectedRevision: 'no-stream' });
    expect(await b.streamRevision('licence-s3')).toBe(0n);
  });

  it("refuses ':memory:', which cannot run in WAL mode", () => {
    expect(() => SqliteEventStore.open(':memory:')).toThrow(/WAL/);
  });
});
