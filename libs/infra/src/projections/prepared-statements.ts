import type Database from 'better-sqlite3';

/**
 * Prepares a projection's statements once per connection and hands the same set back on every call: `apply` runs
 * for every event, and preparing SQL each time would dominate its cost. Keyed weakly, so a closed connection's
 * statements go with it.
 */
export function statementsPerConnection<T>(prepare: (db: Database.Database) => T): (db: Database.Database) => T {
  const prepared = new WeakMap<Database.Database, T>();
  return (db) => {
    let found = prepared.get(db);
    if (found === undefined) {
      found = prepare(db);
      prepared.set(db, found);
    }
    return found;
  };
}
