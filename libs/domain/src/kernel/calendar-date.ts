/**
 * Calendar dates (`YYYY-MM-DD`, no time zone) for effective dates and validity. Pure string/arithmetic
 * helpers: the domain never reads the clock, the caller passes "today" in.
 */
export type CalendarDate = string;

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const match = CALENDAR_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** The UTC calendar date of an ISO 8601 instant (an instant with an offset is converted to UTC first). */
export function calendarDateOf(instant: string): CalendarDate {
  const millis = Date.parse(instant);
  if (Number.isNaN(millis)) throw new RangeError(`Not an ISO 8601 instant: ${instant}`);
  return new Date(millis).toISOString().slice(0, 10);
}

/** Adds whole years, clamping 29 February to 28 February in non-leap years. */
export function addYears(date: CalendarDate, years: number): CalendarDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year + years, month - 1, day));
  if (target.getUTCMonth() !== month - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/** Adds (or, with a negative count, subtracts) whole days. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}
