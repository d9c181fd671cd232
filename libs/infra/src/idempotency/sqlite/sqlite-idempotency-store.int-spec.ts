import { applyMigrations } from '../../event-store/sqlite/sqlite-event-store.schema';
import { sqliteFileFixture, type SqliteFileFixture } from '../../event-store/sqlite/testing/sqlite-file.fixture';
import { describeIdempotencyStoreBehaviour } from '../testing/idempotency-store.behaviour';
import { SqliteIdempotencyStore } from './sqlite-idempotency-store';
import { IDEMPOTENCY_MIGRATIONS } from './sqlite-idempotency-store.schema';

describeIdempotencyStoreBehaviour(
  'SqliteIdempotencyStore',
  async ({ now, leaseMs }) => {
    const fixture = sqliteFileFixture('idempotency.sqlite', (file) => SqliteIdempotencyStore.open(file, { now, leaseMs }));
    return { store: fixture.open(), reopen: async () => fixture.open(), dispose: fixture.dispose };
  },
  { durable: true },
);

describe('SqliteIdempotencyStore (SQLite specifics)', () => {
  let fixture: SqliteFileFixture<SqliteIdempotencyStore>;
  const now = () => new Date('2025-11-10T12:00:00.000Z');
  const open = () => fixture.open();
  const request = { sub: 'clerk-7', scope: 'POST /applications', key: 'k', fingerprint: 'f' };

  beforeEach(() => {
    fixture = sqliteFileFixture('idempotency.sqlite', (file) => SqliteIdempotencyStore.open(file, { now }));
  });
  afterEach(() => fixture.dispose());

  it('runs in WAL mode with synchronous=FULL and a 5 s busy timeout', () => {
    const db = open().database;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('records its migrations in its own file, once', async () => {
    const first = open();
    expect(first.database.prepare('SELECT version, name, applied_at FROM schema_migrations').all()).toEqual([
      { version: 1, name: 'create-idempotency-keys', applied_at: '2025-11-10T12:00:00.000Z' },
      { version: 2, name: 'log-identity', applied_at: '2025-11-10T12:00:00.000Z' },
    ]);
    expect(applyMigrations(first.database, IDEMPOTENCY_MIGRATIONS, now)).toEqual([]);
    await first.close();
    expect(open().database.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: IDEMPOTENCY_MIGRATIONS.length });
  });

  it('lets exactly one of two connections on one file claim a key', async () => {
    const [a, b] = [open(), open()];
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).claim(request)));
    expect(outcomes.filter((outcome) => outcome.outcome === 'claimed')).toHaveLength(1);
    expect(await a.find(request)).toEqual(await b.find(request));
  });

  it('refuses a completed row without a response, or an unknown state', () => {
    const db = open().database;
    const insert = (state: string, status: number | null) =>
      db
        .prepare(
          `INSERT INTO idempotency_keys (principal, scope, idempotency_key, fingerprint, state, claim_token, claimed_at,
             response_status) VALUES ('s', 'POST /x', ?, 'f', ?, 't', 'now', ?)`,
        )
        .run(`${state}-${status}`, state, status);
    expect(() => insert('completed', null)).toThrow(/CHECK/);
    expect(() => insert('in-flight', 201)).toThrow(/CHECK/);
    expect(() => insert('done', null)).toThrow(/CHECK/);
  });

  it("refuses ':memory:', which cannot run in WAL mode", () => {
    expect(() => SqliteIdempotencyStore.open(':memory:')).toThrow(/WAL/);
  });
});
