import type Database from 'better-sqlite3';
import type { Sql } from '@app/infra';

/**
 * One read of the read models, written for each database that can hold them: the embedded SQLite file of the
 * instance, or the PostgreSQL database the instances share. Both must answer the same for the same log (the
 * projection tests compare them). Each runs in one read transaction, so its statements see one snapshot.
 */
export interface ReadModelQuery<T> {
  sqlite(db: Database.Database): T;
  postgres(db: Sql): Promise<T>;
}
