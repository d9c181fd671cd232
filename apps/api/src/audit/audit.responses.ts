import { ApiProperty } from '@nestjs/swagger';
import { INTEGRITY_PROBLEM_KINDS, type IntegrityProblemKind } from '@app/infra';

export class IntegrityProblemResponse {
  @ApiProperty({ example: '1240', description: 'Position of the event concerned, or where a missing one was' })
  position!: string;

  @ApiProperty({ type: String, nullable: true, example: 'LicenceApplication-7c501e6f-22ff-4371-84e7-3b31bfa7c011' })
  stream!: string | null;

  @ApiProperty({ type: 'integer', nullable: true, example: 3 })
  revision!: number | null;

  @ApiProperty({ enum: INTEGRITY_PROBLEM_KINDS, example: 'edited' })
  kind!: IntegrityProblemKind;

  @ApiProperty({ example: 'the content does not match its hash or its link to the previous event' })
  detail!: string;
}

export class LogPointResponse {
  @ApiProperty({ type: String, nullable: true, example: '3006', description: 'Position of the last event (null: empty log)' })
  position!: string | null;

  @ApiProperty({ example: '9f2c…', description: 'Running log hash (SHA-256, hex) after that event' })
  hash!: string;
}

export class CheckedAnchorResponse {
  @ApiProperty({ example: '3006' })
  position!: string;

  @ApiProperty({ example: '9f2c…' })
  hash!: string;

  @ApiProperty({ description: 'The log still hashes to the anchor at its position' })
  matches!: boolean;
}

/** GET /audit/integrity. */
export class IntegrityReportResponse {
  @ApiProperty({ description: 'No problem other than an unsealed tail' })
  ok!: boolean;

  @ApiProperty({ type: 'integer', example: 3006, description: 'Events checked' })
  checked!: number;

  @ApiProperty({ type: String, nullable: true, example: '3005', description: "The last seal's cut" })
  sealedUpTo!: string | null;

  @ApiProperty({ type: 'integer', example: 6 })
  seals!: number;

  @ApiProperty({ type: LogPointResponse, description: 'The head; publish `<hash>@<position>` as an anchor' })
  head!: LogPointResponse;

  @ApiProperty({ type: [IntegrityProblemResponse] })
  problems!: IntegrityProblemResponse[];

  @ApiProperty({ type: CheckedAnchorResponse, nullable: true, description: 'The anchor given in ?anchor=, checked' })
  anchor!: CheckedAnchorResponse | null;
}

/** GET /audit/anchor. */
export class AnchorResponse {
  @ApiProperty({ type: String, nullable: true, example: '3006' })
  position!: string | null;

  @ApiProperty({ example: '9f2c…', description: 'Running log hash (SHA-256, hex) after the event at position' })
  hash!: string;

  @ApiProperty({ example: '9f2c…@3006', description: 'The anchor to publish and to pass to verify later' })
  anchor!: string;

  @ApiProperty({ type: String, nullable: true, example: '3005', description: "The last seal's cut" })
  sealedUpTo!: string | null;

  @ApiProperty({ format: 'date-time', description: 'When the anchor was read' })
  readAt!: string;
}

export class SealResponse {
  @ApiProperty({ example: '3005' })
  sealedUpTo!: string;

  @ApiProperty({ type: 'integer', example: 3005 })
  eventCount!: number;

  @ApiProperty({ example: '9f2c…' })
  logHash!: string;

  @ApiProperty({ enum: ['periodic', 'on-demand', 'migration'] })
  reason!: string;

  @ApiProperty({ format: 'date-time' })
  sealedAt!: string;
}

/** POST /audit/seals. */
export class SealOutcomeResponse {
  @ApiProperty({ description: 'False when nothing but seals was appended since the last seal, which still stands' })
  appended!: boolean;

  @ApiProperty({ type: String, nullable: true, example: '3006', description: "The seal event's position" })
  position!: string | null;

  @ApiProperty({ type: SealResponse, nullable: true })
  seal!: SealResponse | null;
}
