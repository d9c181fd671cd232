import { Problems } from './problem';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Parses an optional ISO 8601 query parameter into a normalised UTC instant; 400 problem when malformed. */
export function parseInstant(field: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const millis = ISO_INSTANT.test(value) ? Date.parse(value.length === 10 ? `${value}T23:59:59.999Z` : value) : NaN;
  if (Number.isNaN(millis)) {
    throw Problems.validation([{ field, message: 'must be an ISO 8601 instant, e.g. 2025-11-07T12:00:00Z' }]);
  }
  return new Date(millis).toISOString();
}
