import { ApiProperty } from '@nestjs/swagger';

/** A response field holding a count, revision or version: a non-negative integer in the OpenAPI document. */
export const ApiCount = (example: number, description: string): PropertyDecorator =>
  ApiProperty({ type: 'integer', minimum: 0, example, description });
