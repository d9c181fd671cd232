import { ApiProperty } from '@nestjs/swagger';

const EVENT_STORE_KINDS = ['sqlite', 'eventstoredb'] as const;
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

/** GET /health when the event store answers (200). */
export class HealthResponse {
  @ApiProperty({ enum: ['ok'], example: 'ok' })
  status!: 'ok';

  @ApiProperty({ type: EventStoreUpResponse })
  eventStore!: EventStoreUpResponse;
}

/** GET /health when the event store does not answer (503). */
export class HealthUnavailableResponse {
  @ApiProperty({ enum: ['unavailable'], example: 'unavailable' })
  status!: 'unavailable';

  @ApiProperty({ type: EventStoreDownResponse })
  eventStore!: EventStoreDownResponse;
}
