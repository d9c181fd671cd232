import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsISO31661Alpha2, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { EVENT_TYPES } from '@app/infra';
import { trimmed, upperCase } from '../../shared/http/string-transforms';

const PUBLIC_TYPES = Object.keys(EVENT_TYPES);

/** POST /subscriptions. */
export class CreateSubscriptionRequest {
  @ApiProperty({ format: 'uri', example: 'https://warehouse.example.com/hooks/lcm', description: 'http(s) URL that receives the POSTs' })
  @Transform(trimmed)
  @IsString()
  @MaxLength(2000)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false, allow_underscores: true, disallow_auth: true },
    { message: 'url must be an http(s) URL without credentials' })
  url!: string;

  @ApiPropertyOptional({ type: [String], example: ['ReviewTrackChanged'], description: 'Only these public event types (GET /schemas); omitted or empty: every one' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PUBLIC_TYPES.length)
  @IsIn(PUBLIC_TYPES, { each: true, message: 'types must list public event types (see GET /schemas)' })
  types?: string[];

  @ApiPropertyOptional({
    example: 'KH',
    description:
      'Only events that name this country: its CountryStatusChanged, submissions with a party in it, and the re-evaluation events its changes trigger',
  })
  @IsOptional()
  @Transform(upperCase)
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code' })
  country?: string;

  @ApiPropertyOptional({ example: 'Compliance data warehouse', maxLength: 200 })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(200)
  description?: string;

  @ApiPropertyOptional({ example: '42', description: 'Deliver the events after this position (default: from the beginning of the log)' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  after?: string;
}
