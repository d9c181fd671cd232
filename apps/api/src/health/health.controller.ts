import { Controller, Get, Inject, Logger, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@app/infra';
import type { Response } from 'express';
import { Public } from '../shared/auth/roles.decorator';
import { APP_CONFIG } from '../shared/config/app-config.provider';
import { storeKind, type AppConfig, type StoreKind } from '../shared/config/app-config';
import { EVENT_STORE } from '../shared/event-store/event-store.providers';
import { responseHeaders } from '../shared/http/api-headers';
import { ReadModels } from '../shared/read-models/read-models.service';
import { ReevaluationProcessManager } from '../reevaluation/run-reevaluations/reevaluation.process-manager';
import {
  HealthResponse,
  HealthUnavailableResponse,
  type ProjectionHealthResponse,
  type ReevaluationHealthResponse,
} from './health.response';
import { StateStoreHealth } from './state-store-health';

/** How /health names each store (the wire value of EventStoreDB predates the PostgreSQL adapter). */
const HEALTH_STORE_KINDS = { sqlite: 'sqlite', postgres: 'postgres', esdb: 'eventstoredb' } as const satisfies Record<StoreKind, string>;

@ApiTags('operations')
@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Health');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly readModels: ReadModels,
    private readonly reevaluation: ReevaluationProcessManager,
    private readonly stateStore: StateStoreHealth,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Liveness and readiness: the event store (and STATE_STORE, when set) answers; how far each projection is behind',
    description:
      'Projection lag is information: the status stays ok while a projection catches up. ' +
      'eventsBehind is capped (eventsBehindCapped says when the real figure is higher). ' +
      'reevaluation counts the runs not completed yet: running, due (their day has come), scheduled (a later day).',
  })
  @ApiOkResponse({
    description: 'The event store answers',
    type: HealthResponse,
    headers: responseHeaders('X-Correlation-Id'),
  })
  @ApiServiceUnavailableResponse({
    description: 'The event store, or the state store beside it (STATE_STORE), does not answer',
    type: HealthUnavailableResponse,
    headers: responseHeaders('X-Correlation-Id'),
  })
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthResponse | HealthUnavailableResponse> {
    const kind = HEALTH_STORE_KINDS[storeKind(this.config.eventStore) ?? 'sqlite'];
    try {
      const damage = this.store.integrityAtOpen?.() ?? [];
      if (damage.length > 0) {
        response.status(503);
        const error = `The event store failed its integrity check at start (${damage.join('; ')}): restore it from a backup`;
        return { status: 'unavailable', eventStore: { kind, status: 'down', error } };
      }
      const lastPosition = await this.store.lastPosition();
      const stateStore = await this.stateStore.check();
      if (stateStore?.status === 'down') {
        response.status(503);
        return { status: 'unavailable', eventStore: { kind, status: 'up', lastPosition }, stateStore };
      }
      return {
        status: 'ok',
        eventStore: { kind, status: 'up', lastPosition },
        ...(stateStore === null ? {} : { stateStore }),
        projections: await this.projections(),
        reevaluation: await this.reevaluationBacklog(),
      };
    } catch (error) {
      response.status(503);
      return { status: 'unavailable', eventStore: { kind, status: 'down', error: (error as Error).message } };
    }
  }

  /** Runs waiting or working, and the process manager's last failure; null if the read models cannot tell. */
  private async reevaluationBacklog(): Promise<ReevaluationHealthResponse | null> {
    try {
      return { ...(await this.reevaluation.backlog()), lastError: this.reevaluation.lastTickError };
    } catch (error) {
      this.logger.warn(`Re-evaluation backlog unavailable: ${(error as Error).message}`);
      return null;
    }
  }

  /** The projections' lag; empty (and logged) if the read models cannot tell, which does not fail the check. */
  private async projections(): Promise<ProjectionHealthResponse[]> {
    try {
      return (await this.readModels.lag()).map((lag) => ({
        name: lag.name,
        position: lag.position,
        eventsBehind: lag.eventsBehind,
        eventsBehindCapped: lag.eventsBehindCapped,
        caughtUp: lag.caughtUp,
      }));
    } catch (error) {
      this.logger.warn(`Projection lag unavailable: ${(error as Error).message}`);
      return [];
    }
  }
}
