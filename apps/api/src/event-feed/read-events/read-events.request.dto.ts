import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { FeedPositionRequest } from '../feed-request.dto';

export const DEFAULT_EVENT_PAGE = 100;
export const MAX_EVENT_PAGE = 1000;

/** The query string of GET /events. Unknown parameters are refused. */
export class ReadEventsRequest extends FeedPositionRequest {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_EVENT_PAGE, default: DEFAULT_EVENT_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(MAX_EVENT_PAGE)
  limit?: number;
}
