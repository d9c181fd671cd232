import { ApiProperty } from '@nestjs/swagger';

/** A response field holding a count, revision or version: a non-negative integer in the OpenAPI document. */
export const ApiCount = (example: number, description: string): PropertyDecorator =>
  ApiProperty({ type: 'integer', minimum: 0, example, description });

/** A response field holding a date (`YYYY-MM-DD`) or, with `format: 'date-time'`, an instant; null when there is none. */
export const ApiNullableDate = (example: string | null, description: string, format: 'date' | 'date-time' = 'date'): PropertyDecorator =>
  ApiProperty({ type: String, format, nullable: true, example, description });
