import { calendarDateOf, isCalendarDate } from '@app/domain';
import { Problems } from '../../shared/http/problem';
import type { Clock } from '../../shared/clock/clock';

/** `?asOf=YYYY-MM-DD` (or a full ISO instant, whose UTC date is used); today when absent. */
export function resolveAsOfDate(asOf: string | undefined, clock: Clock): string {
  if (asOf === undefined || asOf === '') return calendarDateOf(clock.now().toISOString());
  const date = asOf.length > 10 && !Number.isNaN(Date.parse(asOf)) ? calendarDateOf(asOf) : asOf;
  if (!isCalendarDate(date)) {
    throw Problems.validation([{ field: 'asOf', message: 'must be a date (YYYY-MM-DD) or an ISO 8601 instant' }]);
  }
  return date;
}
