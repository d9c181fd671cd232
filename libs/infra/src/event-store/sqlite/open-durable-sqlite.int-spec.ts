import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDurableSqlite, type DurableSqliteOptions } from './open-durable-sqlite';
import { CorruptDatabaseError, quickCheck } from './sqlite-integrity';
import { applyMigrations, type Migration } from './sqlite-event-store.schema';

const MIGRATIONS: readonly Migration[] = [{ version: 1, name: 'create-notes', up: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT) STRICT' }];
const OPTIONS: DurableSqliteOptions = { holds: 'the notes', synchronous: 'FULL', migrate: (db) => applyMigrations(db, MIGRATIONS) };

/** A database of many rows, closed (its WAL folded in), then one page in its middle overwritten: the header stays sound. */
function aFileWithADamagedPage(file: string): void {
  const db = new Database(file);
  db.exec('CREATE TABLE filler (text TEXT)');
  const insert = db.prepare('INSERT INTO filler VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run(`row ${i} `.repeat(20));
  })();
  db.close();
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(2000, 0xab), 0, 2000, Math.floor(statSync(file).size / 4096 / 2) * 4096 + 8);
  } finally {
    closeSync(fd);
  }
}

describe('openDurableSqlite', () => {
  let dir: string;
  const opened: Database.Database[] = [];
  const open = (file: string, options: DurableSqliteOptions = OPTIONS) =>
    openDurableSqlite(file, options, (db) => (opened.push(db), db));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lcm-durable-sqlite-'));
  });
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the missing directory, runs WAL with synchronous=FULL, foreign keys on and a 5 s busy timeout, and migrates', () => {
    const db = open(join(dir, 'a', 'b', 'notes.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.prepare('SELECT version, name FROM schema_migrations').all()).toEqual([{ version: 1, name: 'create-notes' }]);
  });

  it('sets synchronous=NORMAL and further tuning when asked', () => {
    const db = open(join(dir, 'derived.sqlite'), {
      ...OPTIONS,
      synchronous: 'NORMAL',
      tuning: ['cache_size = -1024', 'wal_autocheckpoint = 77'],
    });
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.pragma('cache_size', { simple: true })).toBe(-1024);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(77);
  });

  it("refuses ':memory:', naming what needs WAL", () => {
    expect(() => open(':memory:')).toThrow('SQLite refused WAL mode for the notes (journal_mode is memory)');
  });

  it('turns a file that is not a database into a CorruptDatabaseError naming it', () => {
    const file = join(dir, 'notes.sqlite');
    writeFileSync(file, 'not a database at all'.repeat(300));
    const error = captureError(() => open(file));
    expect(error).toBeInstanceOf(CorruptDatabaseError);
    expect(error).toMatchObject({ file, problems: ['file is not a database'], message: `${file} is damaged: file is not a database` });
  });

  it('refuses damaged pages before migrating when asked, and otherwise opens the file for its owner to report', () => {
    const file = join(dir, 'notes.sqlite');
    aFileWithADamagedPage(file);
    const error = captureError(() => open(file, { ...OPTIONS, refuseDamagedPages: true }));
    expect(error).toBeInstanceOf(CorruptDatabaseError);
    expect((error as CorruptDatabaseError).problems.length).toBeGreaterThan(0);

    const db = open(file);
    expect(quickCheck(db)).toEqual((error as CorruptDatabaseError).problems);
  });

  it('closes the connection when its store fails to build on it, and passes the error on', () => {
    let seen: Database.Database | undefined;
    const failing = { ...OPTIONS, migrate: (db: Database.Database) => ((seen = db), applyMigrations(db, MIGRATIONS)) };
    expect(() =>
      openDurableSqlite(join(dir, 'notes.sqlite'), failing, () => {
        throw new Error('the store refused');
      }),
    ).toThrow('the store refused');
    expect(seen?.open).toBe(false);
  });
});

function captureError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
