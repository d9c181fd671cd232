import { type QueryResult } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { ApiCount } from '../../shared/http/api-value.decorators';
import type { GetApplicationHistoryQuery, HistoryEventView } from './get-application-history.query';

type HistoryEventMetadata = HistoryEventView['metadata'];

export class HistoryEventMetadataResponse implements HistoryEventMetadata {
  @ApiProperty({ example: 'alice', description: "The acting user's `sub`, or a system actor such as `system:seed`" })
  actor!: string;

  @ApiProperty({ example: 'corr-1', description: 'The X-Correlation-Id of the request that appended the event' })
  correlationId!: string;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'The id of the event that caused this one, if any' })
  causationId!: string | null;

  @ApiProperty({ type: 'integer', minimum: 1, example: 1, description: "Version of the event's data schema" })
  schemaVersion!: number;
}

/** One recorded event of a case (OpenAPI documentation of {@link HistoryEventView}). */
export class HistoryEventResponse implements HistoryEventView {
  @ApiProperty({ format: 'uuid', example: '0caded2d-4343-4a51-b0d8-e782ca9d4e35', description: 'The event id' })
  id!: string;

  @ApiProperty({ example: 'LicenceApplicationSubmitted', description: 'The event type' })
  type!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'The event payload as recorded; its shape depends on `type`. LicenceApplicationSubmitted: the case as ' +
      'submitted (applicationId, licenceType, applicant, parties, determinations, …) without id, status, revision ' +
      'or lastRecordedAt.',
  })
  data!: Record<string, unknown>;

  @ApiCount(0, "The event's 0-based revision in the case stream")
  revision!: number;

  @ApiProperty({
    example: '59',
    description: 'Position in the global event log: an opaque token, ordered numerically (decimal string)',
  })
  position!: string;

  @ApiProperty({ format: 'date-time', example: '2025-11-10T12:00:00.012Z', description: 'When the store recorded the event' })
  recordedAt!: string;

  @ApiProperty({ type: HistoryEventMetadataResponse })
  metadata!: HistoryEventMetadataResponse;
}

/** GET /applications/{id}/history. */
export class ApplicationHistoryResponse implements QueryResult<GetApplicationHistoryQuery> {
  @ApiProperty({ format: 'uuid', example: '7c501e6f-22ff-4371-84e7-3b31bfa7c011' })
  applicationId!: string;

  @ApiProperty({ type: [HistoryEventResponse], description: 'The events in order of revision' })
  items!: HistoryEventResponse[];
}
