import type { CalendarDate } from '@app/domain';

/**
 * Calendar dates as whole days since 1970-01-01 (UTC): the generator places hundreds of thousands of lifecycles,
 * and integer days compare and add without parsing a date string each time.
 */
export type DayNumber = number;

const DAY_MS = 86_400_000;

export function dayNumberOf(date: CalendarDate): DayNumber {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function dateOf(day: DayNumber): CalendarDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
