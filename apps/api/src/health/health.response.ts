import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { ApiCount } from '../shared/http/api-value.decorators';

const EVENT_STORE_KINDS = ['sqlite', 'postgres', 'eventstoredb'] as const;
type EventStoreKind = (typeof EVENT_STORE_KINDS)[number];

export class EventStoreUpResponse {
  @ApiProperty({ enum: EVENT_STORE_KINDS, example: 'sqlite', description: 'The configured event store' })
  kind!: EventStoreKind;

  @ApiProperty({ enum: ['up'], example: 'up' })
  status!: 'up';

  @ApiProperty({
    type: String,
    nullable: true,
    example: '59',
    description: 'Position of the last event in the global log (opaque token); null when the log is empty',
  })
  lastPosition!: string | null;
}

export class EventStoreDownResponse {
  @ApiProperty({ enum: EVENT_STORE_KINDS, example: 'sqlite', description: 'The configured event store' })
  kind!: EventStoreKind;

  @ApiProperty({ enum: ['down'], example: 'down' })
  status!: 'down';

  @ApiProperty({ example: 'database is locked', description: 'Why the event store did not answer' })
  error!: string;
}

/** The state store beside EventStoreDB (STATE_STORE): idempotency keys, webhook subscriptions, worker leases. */
export class StateStoreResponse {
  @ApiProperty({ enum: ['postgres'], example: 'postgres', description: 'The configured state store' })
  kind!: 'postgres';

  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  status!: 'up' | 'down';

  @ApiProperty({ required: false, example: 'Connection terminated unexpectedly', description: 'Why it did not answer (when down)' })
  error?: string;
}

/** How far one projection (durable read model) is behind the global log. */
export class ProjectionHealthResponse {
  @ApiProperty({ example: 'cases', description: 'The projection' })
  name!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '59',
    description: 'Its checkpoint: the last global position it has passed (opaque token); null before its first event',
  })
  position!: string | null;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 10000,
    example: 0,
    description: 'Events of its categories after the checkpoint, capped at 10 000 (see eventsBehindCapped)',
  })
  eventsBehind!: number;

  @ApiProperty({ example: false, description: 'True when more events than the cap are waiting: eventsBehind is then a floor' })
  eventsBehindCapped!: boolean;

  @ApiProperty({ example: true, description: 'No event of its categories is waiting' })
  caughtUp!: boolean;
}

/** GET /health when the event store answers (200). */
export class ReevaluationHealthResponse {
  @ApiCount(0, 'Runs working now')
  running!: number;

  @ApiCount(0, 'Runs whose day has come, not started yet (picked up within a second)')
  due!: number;

  @ApiCount(1, 'Runs of future-dated changes, waiting for their day')
  scheduled!: number;

  @ApiProperty({ type: String, nullable: true, example: null, description: "The last tick's error while the process manager is failing" })
  lastError!: string | null;
}

export class HealthResponse {
  @ApiProperty({ enum: ['ok'], example: 'ok', description: 'ok even while a projection is behind: lag is information' })
  status!: 'ok';

  @ApiProperty({ type: EventStoreUpResponse })
  eventStore!: EventStoreUpResponse;

  @ApiProperty({
    type: ReevaluationHealthResponse,
    nullable: true,
    description: 'The re-evaluation backlog (null when the read models cannot tell; that does not fail the check)',
  })
  reevaluation!: ReevaluationHealthResponse | null;

  @ApiProperty({ type: [ProjectionHealthResponse], description: 'Each projection and its lag' })
  projections!: ProjectionHealthResponse[];

  @ApiProperty({ type: StateStoreResponse, required: false, description: 'Present when STATE_STORE is set (beside EventStoreDB)' })
  stateStore?: StateStoreResponse;
}

/** GET /health when the event store, or the state store beside it, does not answer (503). */
@ApiExtraModels(EventStoreDownResponse, EventStoreUpResponse)
export class HealthUnavailableResponse {
  @ApiProperty({ enum: ['unavailable'], example: 'unavailable' })
  status!: 'unavailable';

  @ApiProperty({
    oneOf: [{ $ref: getSchemaPath(EventStoreDownResponse) }, { $ref: getSchemaPath(EventStoreUpResponse) }],
    description: 'Down, unless it is the state store that does not answer',
  })
  eventStore!: EventStoreDownResponse | EventStoreUpResponse;

  @ApiProperty({ type: StateStoreResponse, required: false, description: 'Present when STATE_STORE is set (beside EventStoreDB)' })
  stateStore?: StateStoreResponse;
}
