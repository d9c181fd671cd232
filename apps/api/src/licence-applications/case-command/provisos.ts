import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { eachTrimmed } from '../../shared/http/string-transforms';
import { UniqueItems } from '../../shared/http/validators';

/** At most 50 provisos on a licence or a referral answer. */
export const MAX_PROVISOS = 50;

/** A list of provisos (conditions on the licence), each a non-empty text, trimmed, none twice. */
export function ProvisosProperty(description: string) {
  return applyDecorators(
    ApiPropertyOptional({ type: [String], description, example: ['No retransfer without DDTC approval'], maxItems: MAX_PROVISOS, uniqueItems: true }),
    Transform(eachTrimmed),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(MAX_PROVISOS),
    IsString({ each: true }),
    IsNotEmpty({ each: true }),
    MaxLength(2000, { each: true }),
    UniqueItems({ message: 'provisos must not list the same proviso twice' }),
  );
}
