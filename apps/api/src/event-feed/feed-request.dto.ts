import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { EVENT_TYPES } from '@app/infra';

const PUBLIC_TYPES = Object.keys(EVENT_TYPES);

/** `types=A,B` or `types=A&types=B`, as a list. */
const commaList = ({ value }: { value: unknown }): unknown => {
  const parts = Array.isArray(value) ? value : [value];
  return parts.flatMap((part: unknown) => (typeof part === 'string' ? part.split(',').map((t) => t.trim()).filter((t) => t !== '') : [part]));
};

/** The filters shared by GET /events and GET /events/stream. */
export class FeedFilterRequest {
  @ApiPropertyOptional({
    description: 'Only these public event types, comma-separated (GET /schemas lists them)',
    example: 'ReviewTrackChanged,LicenceFlaggedForReview',
    type: String,
  })
  @IsOptional()
  @Transform(commaList)
  @ArrayMaxSize(PUBLIC_TYPES.length)
  @IsIn(PUBLIC_TYPES, { each: true, message: 'types must list public event types (see GET /schemas)' })
  types?: string[];

  @ApiPropertyOptional({
    description: 'Only events of this subject (the CloudEvents `subject`: a stream such as CountryPolicy-KH)',
    example: 'CountryPolicy-KH',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/^[A-Za-z]+-[A-Za-z0-9-]+$/, { message: 'subject must be a stream name such as CountryPolicy-KH' })
  subject?: string;
}

/** `after`: a position returned by this API (an event's `position`, or a page's `lastPosition`). */
export class FeedPositionRequest extends FeedFilterRequest {
  @ApiPropertyOptional({ description: 'Exclusive: the events after this position (omit to start at the beginning)', example: '42' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  after?: string;
}
