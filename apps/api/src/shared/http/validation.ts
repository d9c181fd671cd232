import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { Problems } from './problem';
import { BoundedErrors, checkShape, flattenValidationErrors, isDtoClass } from './request-shape';

/**
 * The global pipe: DTOs are transformed and validated; unknown properties are refused (a misspelt field must
 * not be silently dropped); failures become one 400 problem listing the fields (at most 20, with a count).
 * Before class-transformer and class-validator walk a body or a query, `checkShape` looks at it cheaply.
 */
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      exceptionFactory: (errors) => validationProblem(flattenValidationErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if ((metadata.type === 'body' || metadata.type === 'query') && isDtoClass(metadata.metatype)) {
      if (metadata.type === 'body' && value === undefined) {
        throw Problems.malformedBody('This route needs a JSON body (Content-Type: application/json), {} at least');
      }
      const found = checkShape(metadata.metatype, value);
      if (found.total > 0) throw validationProblem(found);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe();
}

function validationProblem(found: BoundedErrors) {
  const shown = found.errors.length;
  return Problems.validation(
    found.errors,
    found.total > shown ? `The request is invalid; see errors (the first ${shown} of ${found.total})` : undefined,
  );
}
