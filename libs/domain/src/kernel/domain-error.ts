/**
 * Errors the domain raises for broken invariants and refused commands. Each carries a stable `code`
 * (part of the API contract) and a `kind` that the HTTP edge maps to a status:
 * invalid → 400, not-found → 404, conflict → 409.
 */
export type DomainErrorKind = 'invalid' | 'not-found' | 'conflict';

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;

  constructor(
    readonly code: string,
    message: string,
    readonly errors: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The command is malformed or inconsistent in itself (HTTP 400). */
export class InvalidCommandError extends DomainError {
  readonly kind = 'invalid' as const;
}

/** The command is well formed but the aggregate's state forbids it (HTTP 409). */
export class IllegalTransitionError extends DomainError {
  readonly kind = 'conflict' as const;
}

/** The command addresses something that does not exist (HTTP 404). */
export class NotFoundError extends DomainError {
  readonly kind = 'not-found' as const;
}
