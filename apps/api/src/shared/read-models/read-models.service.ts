import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { Pool } from 'pg';
import {
  ProjectionTimeoutError,
  type EventStore,
  type ProjectionLag,
  type ReadModelProjector,
  type RebuildProgress,
  type RebuildReport,
  type SqliteProjector,
} from '@app/infra';
import { POSTGRES_POOL } from '../postgres/postgres.providers';
import { sharedStateErrorOr } from '../postgres/shared-state-pool';
import { CLOCK, type Clock } from '../clock/clock';
import { APP_CONFIG } from '../config/app-config.provider';
import type { AppConfig } from '../config/app-config';
import { EVENT_STORE } from '../event-store/event-store.providers';
import { openPostgresReadModels, openReadModels } from './read-models.database';
import type { ReadModelQuery } from './read-model-query';

/** How often the server looks for events appended by other processes. */
export const POLL_INTERVAL_MS = 250;
/** How long a command waits for the read models to pass its events before answering anyway. */
export const WAIT_FOR_POSITION_MS = 5_000;
/** How long a GET waits for a catch-up before serving what is already projected. */
const REFRESH_MS = 2_000;

/**
 * The API's durable read models: the case list, the dashboard, the officers' workload, the licence expiry schedule
 * and the re-evaluation runs, projected from the event store's global log. They live where the instances' shared
 * state lives: in the PostgreSQL database when there is one (every instance projects into the same tables and
 * reads them), else in the instance's `DATA_DIR/read-models.sqlite`.
 *
 * On bootstrap it catches up once, then polls every {@link POLL_INTERVAL_MS} ms for events appended by other
 * processes. On shutdown it stops polling, lets the running pass finish and closes its file.
 */
@Injectable()
export class ReadModels implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('ReadModels');
  /** Opened in `onModuleInit` (the PostgreSQL projector migrates its tables first). */
  private opened: { readonly projector: ReadModelProjector; readonly sqlite: SqliteProjector | null } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private lastError: string | null = null;
  private readonly divergenceListeners: Array<(reason: string) => Promise<void>> = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(POSTGRES_POOL) private readonly pool: Pool | null,
  ) {}

  async onModuleInit(): Promise<void> {
    const options = {
      now: () => this.clock.now(),
      onDivergence: (reason: string) => {
        this.logger.warn(`Rebuilding the read models from the event log (they are derived data): ${reason}`);
        for (const listener of this.divergenceListeners) void listener(reason);
      },
    };
    if (this.pool !== null) {
      this.opened = { projector: await openPostgresReadModels(this.pool, this.store, options), sqlite: null };
      return;
    }
    const sqlite = openReadModels(this.config.dataDir, this.store, options, (error, movedTo) =>
      this.logger.warn(`${error.message}; moved aside to ${movedTo}, the read models are rebuilt from the event log`),
    );
    this.opened = { projector: sqlite, sqlite };
  }

  private get projector(): ReadModelProjector {
    if (this.opened === null) throw new Error('The read models are opened when the module initialises');
    return this.opened.projector;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.poll();
  }

  /** Stops polling and closes the file once the running pass is done, while the event store is still open. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.opened?.projector.close();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.opened?.projector.close();
  }

  /**
   * Registers what else must follow the log when the read models are found not to belong to it (another log, or
   * an older copy of it restored): told the reason, before the rebuild.
   */
  onDivergence(listener: (reason: string) => Promise<void>): void {
    this.divergenceListeners.push(listener);
  }

  /** Projects every event committed before the call. Rejects when a projection fails (it keeps its last batch). */
  catchUp(): Promise<void> {
    return this.projector.catchUp();
  }

  /**
   * Waits until every read model has passed `position` (a command's append position), so a list or dashboard read
   * after the command's answer reflects it. Never rejects: after {@link WAIT_FOR_POSITION_MS} ms, or if the
   * projection fails, it logs a warning and resolves (the command itself has succeeded; the read models follow).
   *
   * @throws TypeError when `position` is not a position of the event store (a programming error).
   */
  async waitForPosition(position: string): Promise<void> {
    if (!this.store.isPosition(position)) throw new TypeError(`Not a position: ${JSON.stringify(position)}`);
    try {
      await this.projector.waitForPosition(position, WAIT_FOR_POSITION_MS);
    } catch (error) {
      if (error instanceof ProjectionTimeoutError) this.logger.warn(error.message);
      else this.logger.error(`Read models did not reach position ${position}: ${(error as Error).message}`);
    }
  }

  /**
   * Before a read: catches up, waiting at most a short while; a failure is logged and the read serves what is
   * projected (the lag shows in /health).
   */
  async refresh(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.catchUp(),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, REFRESH_MS);
        }),
      ]);
    } catch (error) {
      this.logFailure(error);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Runs a read on whichever database holds the read models, in one read transaction (one consistent snapshot).
   * Queries are written for both databases (see ReadModelQuery). On PostgreSQL a lost connection rejects with
   * StoreUnavailableError (503).
   */
  async query<T>(query: ReadModelQuery<T>): Promise<T> {
    const sqlite = this.opened?.sqlite ?? null;
    if (sqlite !== null) {
      const db = sqlite.database;
      return db.transaction(() => query.sqlite(db))();
    }
    if (this.pool === null) throw new Error('The read models are opened when the module initialises');
    try {
      return await readOnPostgres(this.pool, query);
    } catch (error) {
      throw sharedStateErrorOr(this.config, error);
    }
  }

  lag(): Promise<ProjectionLag[]> {
    return this.projector.lag();
  }

  rebuild(onProgress?: (progress: RebuildProgress) => void): Promise<RebuildReport> {
    return this.projector.rebuild(onProgress);
  }

  private async poll(): Promise<void> {
    try {
      await this.catchUp();
      if (this.lastError !== null) this.logger.log('Read models are projecting again');
      this.lastError = null;
    } catch (error) {
      this.logFailure(error);
    } finally {
      if (!this.stopped) {
        this.timer = setTimeout(() => void this.poll(), POLL_INTERVAL_MS);
        this.timer.unref();
      }
    }
  }

  /** Logs a projection failure once, not on every poll. */
  private logFailure(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (message === this.lastError) return;
    this.lastError = message;
    this.logger.error(`Read models could not catch up: ${message}`);
  }
}

/** A read on PostgreSQL: one REPEATABLE READ, READ ONLY transaction, so its statements see one snapshot. */
async function readOnPostgres<T>(pool: Pool, query: ReadModelQuery<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const result = await query.postgres(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (error) {
    // A connection that failed mid-transaction is not handed back to the pool.
    client.release(error instanceof Error ? error : true);
    throw error;
  }
}
