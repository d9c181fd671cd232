import type Database from 'better-sqlite3';
import type { Sql } from '@app/infra';
import type { ReadModelQuery } from './read-model-query';

/*
 * A read-model query written once for both databases that can hold the read models: the SQL text is shared, only
 * the parameters' placeholders differ (SQLite's `?`, PostgreSQL's `$n`), and rows map to views once.
 */

export type Dialect = 'sqlite' | 'postgres';

/** A statement with its parameters, in the order its placeholders name them. */
export interface Statement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** A statement's parameters in order, each written as the dialect's placeholder. */
export class SqlParams {
  readonly values: unknown[] = [];

  constructor(private readonly dialect: Dialect) {}

  /** Adds a parameter; answers its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return this.dialect === 'sqlite' ? '?' : `$${this.values.length}`;
  }

  /** Adds each value; answers their placeholders as an `IN` list. */
  list(values: readonly unknown[]): string {
    return values.map((value) => this.add(value)).join(', ');
  }
}

export function sqliteRows<R>(db: Database.Database, statement: Statement): R[] {
  return db.prepare<unknown[], R>(statement.sql).all(...statement.params);
}

export async function postgresRows<R>(db: Sql, statement: Statement): Promise<R[]> {
  return (await db.query(statement.sql, [...statement.params])).rows as R[];
}

/** A read of one statement, built for each dialect, its rows answered the same way on both. */
export function oneStatement<R, T>(build: (dialect: Dialect) => Statement, answer: (rows: R[]) => T): ReadModelQuery<T> {
  return {
    sqlite: (db) => answer(sqliteRows<R>(db, build('sqlite'))),
    postgres: async (db) => answer(await postgresRows<R>(db, build('postgres'))),
  };
}

/** How many rows match `condition` (0 when none), as an integer on both (PostgreSQL counts in bigint, a string in node-pg). */
export function countWhere(dialect: Dialect, condition: string): string {
  return dialect === 'sqlite' ? `COALESCE(SUM(${condition}), 0)` : `COUNT(*) FILTER (WHERE ${condition})::integer`;
}

/** How many rows there are, as an integer on both. */
export function countAll(dialect: Dialect): string {
  return dialect === 'sqlite' ? 'COUNT(*)' : 'COUNT(*)::integer';
}
