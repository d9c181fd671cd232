import { ApiProperty } from '@nestjs/swagger';
import { CaseViewResponse } from '../../licence-applications/case-view/case-view.response';

export class FieldChangeResponse {
  @ApiProperty({ example: 'reviewTrack' })
  field!: string;

  @ApiProperty({ example: 'policy-of-denial', description: 'The value before the event (null before submission)' })
  from!: unknown;

  @ApiProperty({ example: 'case-by-case' })
  to!: unknown;
}

export class ReplayStepResponse {
  @ApiProperty({ type: 'integer', example: 0 })
  revision!: number;

  @ApiProperty({ example: '59' })
  position!: string;

  @ApiProperty({ format: 'uuid' })
  eventId!: string;

  @ApiProperty({ example: 'ReviewTrackChanged' })
  type!: string;

  @ApiProperty({ format: 'date-time' })
  recordedAt!: string;

  @ApiProperty({ example: 'system:reevaluation' })
  actor!: string;

  @ApiProperty()
  correlationId!: string;

  @ApiProperty({ type: String, nullable: true })
  causationId!: string | null;

  @ApiProperty({ description: "The event's chained hash" })
  hash!: string;

  @ApiProperty({ type: [FieldChangeResponse], description: 'What the event changed in the case' })
  changes!: FieldChangeResponse[];

  @ApiProperty({ type: CaseViewResponse, description: 'The case after the event' })
  state!: CaseViewResponse;
}

/** GET /applications/{id}/replay. */
export class CaseReplayResponse {
  @ApiProperty({ format: 'uuid' })
  applicationId!: string;

  @ApiProperty({ type: [ReplayStepResponse] })
  steps!: ReplayStepResponse[];
}
