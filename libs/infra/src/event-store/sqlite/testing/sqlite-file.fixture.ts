import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A store on a SQLite file that {@link SqliteFileFixture} closes. */
interface Closable {
  close(): Promise<void>;
}

export interface SqliteFileFixture<S extends Closable> {
  /** The file, in a subdirectory of a fresh temp directory that does not exist yet (the store must create it). */
  readonly file: string;
  /** Opens one more connection on the file; every one is closed by `dispose`. */
  open(): S;
  /** Closes what was opened, then removes the temp directory. */
  dispose(): Promise<void>;
}

/** A fresh temp directory for one durable SQLite file and the stores opened on it, for a spec's setup and teardown. */
export function sqliteFileFixture<S extends Closable>(fileName: string, open: (file: string) => S): SqliteFileFixture<S> {
  const dir = mkdtempSync(join(tmpdir(), 'lcm-sqlite-'));
  const file = join(dir, 'data', fileName);
  const opened: S[] = [];
  return {
    file,
    open: () => {
      const store = open(file);
      opened.push(store);
      return store;
    },
    dispose: async () => {
      for (const store of opened.splice(0)) await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
