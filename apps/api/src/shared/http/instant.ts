import { isCalendarDate } from '@app/domain';
import { Problems } from './problem';

const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})(T(\d{2}):\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Parses an optional ISO 8601 query parameter into a normalised UTC instant; 400 problem when malformed or
 * impossible. The date is checked on the calendar first: `Date.parse` rolls 2025-02-30 over into March.
 */
export function parseInstant(field: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const millis = instantMillis(value);
  if (millis === null) {
    throw Problems.validation([{ field, message: 'must be an ISO 8601 instant on a real date, e.g. 2025-11-07T12:00:00Z' }]);
  }
  return new Date(millis).toISOString();
}

/** Milliseconds of a strict ISO 8601 date or instant (a bare date is its last millisecond), or null. */
export function instantMillis(value: string): number | null {
  const match = ISO_INSTANT.exec(value);
  if (!match || !isCalendarDate(match[1]) || Number(match[3] ?? 0) > 23) return null;
  const millis = Date.parse(value.length === 10 ? `${value}T23:59:59.999Z` : value);
  return Number.isNaN(millis) ? null : millis;
}
