import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ProjectionTimeoutError, type EventStore, type ProjectionLag, type RebuildProgress, type RebuildReport, type SqliteProjector } from '@app/infra';
import type Database from 'better-sqlite3';
import { CLOCK, type Clock } from '../clock/clock';
import { APP_CONFIG } from '../config/app-config.provider';
import type { AppConfig } from '../config/app-config';
import { EVENT_STORE } from '../event-store/event-store.providers';
import { openReadModels } from './read-models.database';
import type { ReadModelQuery } from './read-model-query';

/** How often the server looks for events appended by other processes. */
export const POLL_INTERVAL_MS = 250;
/** How long a command waits for the read models to pass its events before answering anyway. */
export const WAIT_FOR_POSITION_MS = 5_000;
/** How long a GET waits for a catch-up before serving what is already projected. */
const REFRESH_MS = 2_000;

/**
 * The API's durable read models (`DATA_DIR/read-models.sqlite`): the case list, the dashboard, the officers'
 * workload and the licence expiry schedule, projected from the event store's global log.
 *
 * On bootstrap it catches up once, then polls every {@link POLL_INTERVAL_MS} ms for events appended by other
 * processes. On shutdown it stops polling, lets the running pass finish and closes its file.
 */
@Injectable()
export class ReadModels implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('ReadModels');
  private readonly projector: SqliteProjector;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private lastError: string | null = null;
  private readonly divergenceListeners: Array<(reason: string) => Promise<void>> = [];

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) clock: Clock,
  ) {
    this.projector = openReadModels(config.dataDir, store, {
      now: () => clock.now(),
      onDivergence: (reason) => {
        this.logger.warn(`Rebuilding the read models from the event log (they are derived data): ${reason}`);
        for (const listener of this.divergenceListeners) void listener(reason);
      },
    }, (error, movedTo) =>
      this.logger.warn(`${error.message}; moved aside to ${movedTo}, the read models are rebuilt from the event log`),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.poll();
  }

  /** Stops polling and closes the file once the running pass is done, while the event store is still open. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.projector.close();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.projector.close();
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
   * Queries are written for both databases (see ReadModelQuery).
   */
  async query<T>(query: ReadModelQuery<T>): Promise<T> {
    return this.read((db) => query.sqlite(db));
  }

  /** Runs `query` on the read-model connection in one read transaction (one consistent snapshot). */
  read<T>(query: (db: Database.Database) => T): T {
    const db = this.projector.database;
    return db.transaction(() => query(db))();
  }

  /** The checkpoint of a projection (the position its rows reflect). */
  checkpoint(projection: string): string | null {
    return this.projector.checkpoint(projection);
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
