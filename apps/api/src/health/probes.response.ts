import { ApiProperty } from '@nestjs/swagger';
import { NOT_READY_CODES, type NotReadyCode } from './readiness';

/** GET /health/live (200). */
export class LivenessResponse {
  @ApiProperty({ enum: ['alive'], example: 'alive' })
  status!: 'alive';
}

/** GET /health/ready when the instance can serve (200). */
export class ReadyResponse {
  @ApiProperty({ enum: ['ready'], example: 'ready' })
  status!: 'ready';
}

export class NotReadyReasonResponse {
  @ApiProperty({ enum: NOT_READY_CODES, example: 'EVENT_STORE_UNAVAILABLE', description: 'Stable code of the failed check' })
  code!: NotReadyCode;

  @ApiProperty({ example: 'The event store did not answer a read: database is locked' })
  detail!: string;
}

/** GET /health/ready when it cannot serve (503). */
export class NotReadyResponse {
  @ApiProperty({ enum: ['not-ready'], example: 'not-ready' })
  status!: 'not-ready';

  @ApiProperty({ type: [NotReadyReasonResponse], description: 'Every failed check' })
  reasons!: NotReadyReasonResponse[];
}
