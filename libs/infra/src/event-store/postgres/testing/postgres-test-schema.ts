import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';

/**
 * Fresh PostgreSQL schemas inside a test database, for tests that each need an empty store: creating a schema
 * takes milliseconds where a database takes a checkpoint. Connections opened on a schema's `url` see only that
 * schema (the connection string sets `search_path`), so the store's tables and its `schema_migrations` live there.
 */
export interface TestSchema {
  readonly name: string;
  /** The database URL with `options=-c search_path=<name>`. */
  readonly url: string;
  /** Drops the schema and everything in it. */
  drop(): Promise<void>;
}

/** Creates schemas in one database through one small pool; `end()` it after the suite. */
export class TestSchemas {
  private admin: Pool | null = null;

  /** @param databaseUrl read when the first schema is created (test databases exist only from `beforeAll`). */
  constructor(private readonly databaseUrl: () => string) {}

  async create(): Promise<TestSchema> {
    const admin = (this.admin ??= TestSchemas.openAdmin(this.databaseUrl()));
    const name = `s_${randomBytes(6).toString('hex')}`;
    await admin.query(`CREATE SCHEMA ${name}`);
    const url = new URL(this.databaseUrl());
    url.searchParams.set('options', `-c search_path=${name}`);
    return {
      name,
      url: url.toString(),
      drop: async () => {
        await admin.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      },
    };
  }

  private static openAdmin(url: string): Pool {
    const pool = new Pool({ connectionString: url, max: 2 });
    // The suite's database may be dropped (connections terminated) before or after this pool ends.
    pool.on('error', () => undefined);
    return pool;
  }

  async end(): Promise<void> {
    await this.admin?.end();
    this.admin = null;
  }
}
