import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { eachTrimmed } from '../../shared/http/string-transforms';

/** A list of provisos (conditions on the licence), each a non-empty text; trimmed. */
export function ProvisosProperty(description: string) {
  return applyDecorators(
    ApiPropertyOptional({ type: [String], description, example: ['No retransfer without DDTC approval'], maxItems: 100 }),
    Transform(eachTrimmed),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(100),
    IsString({ each: true }),
    IsNotEmpty({ each: true }),
    MaxLength(2000, { each: true }),
  );
}
