import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from '@app/domain';
import { Problems } from './problem';

/**
 * The global pipe: DTOs are transformed and validated; unknown properties are refused (a misspelt
 * field must not be silently dropped); failures become one 400 problem listing every field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => Problems.validation(flatten(errors)),
  });
}

export function flatten(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = fieldPath(parent, error.property);
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

function fieldPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent === '' ? property : `${parent}.${property}`;
}
