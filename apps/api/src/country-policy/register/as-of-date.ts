import { calendarDateOf, isCalendarDate } from '@app/domain';
import { Problems } from '../../shared/http/problem';
import { instantMillis } from '../../shared/http/instant';
import type { Clock } from '../../shared/clock/clock';

/** `?asOf=YYYY-MM-DD` (or a full ISO instant, whose UTC date is used); today when absent. An impossible date is 400. */
export function resolveAsOfDate(asOf: string | undefined, clock: Clock): string {
  if (asOf === undefined || asOf === '') return calendarDateOf(clock.now().toISOString());
  const millis = asOf.length > 10 ? instantMillis(asOf) : null;
  const date = millis !== null ? calendarDateOf(new Date(millis).toISOString()) : asOf;
  if (!isCalendarDate(date)) {
    throw Problems.validation([{ field: 'asOf', message: 'must be a real date (YYYY-MM-DD) or an ISO 8601 instant' }]);
  }
  return date;
}
