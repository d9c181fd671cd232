import { isCalendarDate } from '../kernel/calendar-date';
import type { FieldError } from '../kernel/domain-error';
import { LicenceApplicationErrors } from './licence-application.errors';
import type { LicenceApplicationState, LicenceCase } from './licence-application.state';
import { AGENCY_CODE, isDecided } from './licence-application.types';

/**
 * Checks shared by the lifecycle decisions, in the order every decision applies them:
 * 1. the case exists (404), 2. the command is well formed (400), 3. the case's state allows it (409).
 */

/** Step 1: a lifecycle command needs a submitted case. */
export function requireCase(state: LicenceApplicationState, applicationId: string): LicenceCase {
  if (state === null) throw LicenceApplicationErrors.notFound(applicationId);
  return state;
}

/** Collects per-field errors, then throws them all at once as INVALID_CASE_COMMAND. */
export class CommandErrors {
  private readonly errors: FieldError[] = [];

  fail(field: string, message: string): void {
    this.errors.push({ field, message });
  }

  /** Every command carries when it was made and by whom: both end up on the event and in the audit trail. */
  envelope(command: { readonly at: string; readonly by: string }): this {
    if (!isInstant(command.at)) this.fail('at', 'must be an ISO 8601 instant');
    this.notBlank('by', command.by);
    return this;
  }

  notBlank(field: string, value: unknown): boolean {
    if (typeof value === 'string' && value.trim() !== '') return true;
    this.fail(field, 'must not be empty');
    return false;
  }

  agency(field: string, value: unknown): void {
    if (this.notBlank(field, value) && !AGENCY_CODE.test(value as string)) {
      this.fail(field, 'must be an agency code such as DTSA or STATE-DRL (upper case, digits and hyphens)');
    }
  }

  /** Provisos are conditions written into the licence: each must say something. */
  provisos(field: string, provisos: readonly unknown[]): void {
    if (!Array.isArray(provisos)) {
      this.fail(field, 'must be a list of provisos');
      return;
    }
    provisos.forEach((proviso, index) => this.notBlank(`${field}[${index}]`, proviso));
  }

  throwIfAny(): void {
    if (this.errors.length > 0) throw LicenceApplicationErrors.invalidCaseCommand([...this.errors]);
  }
}

/** Step 3: decided cases accept no further case decisions (docs/product.md §2). */
export function requirePending(licenceCase: LicenceCase): void {
  if (isDecided(licenceCase.status)) {
    throw LicenceApplicationErrors.caseAlreadyDecided(licenceCase.applicationId, licenceCase.status);
  }
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 instant with its offset (Z for UTC), on a real calendar day. */
export function isInstant(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    INSTANT.test(value) &&
    isCalendarDate(value.slice(0, 10)) &&
    !Number.isNaN(Date.parse(value))
  );
}
