import { ApiProperty } from '@nestjs/swagger';
import { POLICY_STATUSES, type PolicyStatus } from '@app/domain';

/**
 * The answer to a recorded change: the change itself and the re-evaluation run it schedules. The run is
 * named before it exists (its id is derived from the change's), so a client can follow it right away.
 */
export interface RecordedStatusChange {
  changeId: string;
  reevaluationId: string;
  countryCode: string;
  policyVersion: number;
  from: PolicyStatus;
  to: PolicyStatus;
  effectiveOn: string;
  recordedAt: string;
  reevaluationStatus: 'scheduled';
}

/** OpenAPI documentation of {@link RecordedStatusChange}. */
export class RecordStatusChangeResponse implements RecordedStatusChange {
  @ApiProperty({
    format: 'uuid',
    example: 'c941bbc4-ab7b-5a3d-b41d-13a899d6f541',
    description: 'Id of the CountryStatusChanged event (the changeId in GET /countries/{cc})',
  })
  changeId!: string;

  @ApiProperty({
    format: 'uuid',
    example: '0b8f8d4e-5c1a-5e36-9a43-2f0e7d6c1b55',
    description: 'Id of the re-evaluation run this change triggers: GET /reevaluations/{id}',
  })
  reevaluationId!: string;

  @ApiProperty({ example: 'KH', description: 'ISO 3166-1 alpha-2' })
  countryCode!: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 4, description: "The country's new policy version" })
  policyVersion!: number;

  @ApiProperty({ enum: POLICY_STATUSES, example: 'not-listed', description: 'Status in force the day before effectiveOn' })
  from!: PolicyStatus;

  @ApiProperty({ enum: POLICY_STATUSES, example: 'denial-with-exceptions', description: 'Status from effectiveOn' })
  to!: PolicyStatus;

  @ApiProperty({ format: 'date', example: '2025-11-10', description: 'When the change applies in law' })
  effectiveOn!: string;

  @ApiProperty({ format: 'date-time', example: '2025-11-10T12:00:00.000Z', description: 'When the change was recorded' })
  recordedAt!: string;

  @ApiProperty({
    enum: ['scheduled'],
    example: 'scheduled',
    description:
      'The run is scheduled: it starts shortly for a change already in force, and on effectiveOn for a future one. ' +
      'Follow it at GET /reevaluations/{reevaluationId}.',
  })
  reevaluationStatus!: 'scheduled';
}
