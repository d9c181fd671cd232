import type { Response } from 'express';
import { Pool } from 'pg';
import { InMemoryEventStore, openPostgresPool } from '@app/infra';
import { describeWithPostgres } from '@app/infra/postgres/testing/postgres-test-database';
import { loadConfig, type AppConfig } from '../shared/config/app-config';
import type { ReadModels } from '../shared/read-models/read-models.service';
import type { ReevaluationProcessManager } from '../reevaluation/run-reevaluations/reevaluation.process-manager';
import { HealthController } from './health.controller';
import { StateStoreHealth } from './state-store-health';

const ESDB = 'esdb://kurrentdb:2113?tls=false';

/** GET /health of one instance, on an in-memory log, with `pool` as its POSTGRES_POOL. */
async function healthOf(config: AppConfig, pool: Pool | null): Promise<{ status: number; body: unknown }> {
  const readModels = { lag: async () => [] } as unknown as ReadModels;
  const reevaluation = { backlog: () => ({ running: 0, due: 0, scheduled: 0 }), lastTickError: null } as unknown as ReevaluationProcessManager;
  const controller = new HealthController(new InMemoryEventStore(), config, readModels, reevaluation, new StateStoreHealth(config, pool));
  let status = 200;
  const response = { status: (code: number) => (status = code) } as unknown as Response;
  const body = await controller.health(response);
  return { status, body };
}

describe('/health and the state store', () => {
  it('shows no state store when STATE_STORE is not set', async () => {
    const { status, body } = await healthOf(loadConfig({ EVENT_STORE: ESDB }), null);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', eventStore: { kind: 'eventstoredb', status: 'up' } });
    expect(body).not.toHaveProperty('stateStore');
  });

  it('answers 503 with the state store down when STATE_STORE does not answer, the event store being up', async () => {
    const config = loadConfig({ EVENT_STORE: ESDB, STATE_STORE: 'postgres://lcm:s3cret@127.0.0.1:1/state' });
    const pool = new Pool({ connectionString: config.stateStore!, connectionTimeoutMillis: 1_000 });
    try {
      const { status, body } = await healthOf(config, pool);
      expect(status).toBe(503);
      expect(body).toEqual({
        status: 'unavailable',
        eventStore: { kind: 'eventstoredb', status: 'up', lastPosition: null },
        stateStore: { kind: 'postgres', status: 'down', error: expect.stringMatching(/ECONNREFUSED/) },
      });
    } finally {
      await pool.end();
    }
  });
});

describeWithPostgres('/health with a STATE_STORE that answers', (database) => {
  it('shows it up beside the event store', async () => {
    const config = loadConfig({ EVENT_STORE: ESDB, STATE_STORE: database().url });
    const pool = await openPostgresPool(database().url, { max: 1 });
    try {
      const { status, body } = await healthOf(config, pool);
      expect(status).toBe(200);
      expect(body).toMatchObject({ status: 'ok', eventStore: { kind: 'eventstoredb', status: 'up' }, stateStore: { kind: 'postgres', status: 'up' } });
    } finally {
      await pool.end();
    }
  });

  it('leaves it out on PostgreSQL, where the event store is the same database', async () => {
    const config = loadConfig({ EVENT_STORE: database().url, STATE_STORE: database().url });
    const pool = await openPostgresPool(database().url, { max: 1 });
    try {
      expect(await healthOf(config, pool)).toMatchObject({ status: 200, body: { eventStore: { kind: 'postgres', status: 'up' } } });
      expect((await healthOf(config, pool)).body).not.toHaveProperty('stateStore');
    } finally {
      await pool.end();
    }
  });
});
