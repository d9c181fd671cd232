import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { checkSqliteFile, integrityCheck, quickCheck } from './sqlite-integrity';

describe('checkSqliteFile', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lcm-sqlite-check-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("answers the check's problems for a database: none for a sound one", () => {
    const file = join(dir, 'sound.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES (1)');
    db.close();
    expect(checkSqliteFile(file, integrityCheck)).toEqual([]);
    expect(checkSqliteFile(file, () => ['what the check found'])).toEqual(['what the check found']);
  });

  it("answers SQLite's message for a file that is not a database", () => {
    const file = join(dir, 'junk.sqlite');
    writeFileSync(file, 'not a database at all'.repeat(300));
    expect(checkSqliteFile(file, quickCheck)).toEqual(['file is not a database']);
  });

  it('refuses a missing file rather than create it', () => {
    const file = join(dir, 'absent.sqlite');
    expect(() => checkSqliteFile(file, quickCheck)).toThrow('unable to open database file');
    expect(existsSync(file)).toBe(false);
  });
});
