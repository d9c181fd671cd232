import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { describePostgresError } from '@app/infra';
import { APP_CONFIG } from '../shared/config/app-config.provider';
import type { AppConfig } from '../shared/config/app-config';
import { POSTGRES_POOL } from '../shared/postgres/postgres.providers';
import type { StateStoreResponse } from './health.response';

/** How long the state store may take to answer before /health counts it as down. */
export const STATE_STORE_PROBE_TIMEOUT_MS = 2_000;

/**
 * The state store beside EventStoreDB (STATE_STORE) as /health shows it: `null` when none is configured (on
 * PostgreSQL the event store's own check covers the one database; on SQLite the state is in DATA_DIR).
 */
@Injectable()
export class StateStoreHealth {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(POSTGRES_POOL) private readonly pool: Pool | null,
  ) {}

  async check(): Promise<StateStoreResponse | null> {
    if (this.config.stateStore === null || this.pool === null) return null;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${STATE_STORE_PROBE_TIMEOUT_MS} ms`)), STATE_STORE_PROBE_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.pool.query('SELECT 1'), timeout]);
      return { kind: 'postgres', status: 'up' };
    } catch (error) {
      return { kind: 'postgres', status: 'down', error: describePostgresError(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}
