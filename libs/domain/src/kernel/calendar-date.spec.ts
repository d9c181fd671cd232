import { addDays, addYears, calendarDateOf, isCalendarDate } from './calendar-date';

describe('isCalendarDate', () => {
  it.each(['2025-11-07', '2021-12-09', '2024-02-29', '2000-02-29', '2025-12-31', '2026-01-01', '1987-01-01'])(
    '%s is a calendar date',
    (value) => {
      expect(isCalendarDate(value)).toBe(true);
    },
  );

  it.each([
    ['2025-02-29', 'not a leap year'],
    ['1900-02-29', 'century, not a leap year'],
    ['2025-04-31', 'April has 30 days'],
    ['2025-13-01', 'month 13'],
    ['2025-00-10', 'month 0'],
    ['2025-01-00', 'day 0'],
    ['2025-01-32', 'day 32'],
    ['2025-1-01', 'one-digit month'],
    ['2025-01-1', 'one-digit day'],
    ['25-01-01', 'two-digit year'],
    ['2025/01/01', 'slashes'],
    ['20250101', 'no separators'],
    [' 2025-01-01', 'leading space'],
    ['2025-01-01 ', 'trailing space'],
    ['2025-01-01T00:00:00Z', 'an instant'],
    ['', 'empty'],
  ])('%s is not (%s)', (value) => {
    expect(isCalendarDate(value)).toBe(false);
  });

  it.each<[string, unknown]>([
    ['a number', 20251107],
    ['null', null],
    ['undefined', undefined],
    ['a Date', new Date('2025-11-07T00:00:00Z')],
    ['an array', ['2025-11-07']],
    ['an object', { date: '2025-11-07' }],
  ])('%s is not', (_label, value) => {
    expect(isCalendarDate(value)).toBe(false);
  });
});

describe('addYears', () => {
  it.each([
    ['2025-11-07', 4, '2029-11-07'],
    ['2021-12-09', 4, '2025-12-09'],
    ['2025-12-31', 1, '2026-12-31'],
    ['2025-01-01', 0, '2025-01-01'],
    ['2024-02-29', 4, '2028-02-29'],
    ['2024-02-29', 1, '2025-02-28'],
    ['2024-02-29', 100, '2124-02-29'],
    ['2000-02-29', 100, '2100-02-28'],
    ['2024-02-29', -1, '2023-02-28'],
    ['2025-03-01', -1, '2024-03-01'],
  ])('%s + %i years = %s', (date, years, result) => {
    expect(addYears(date, years)).toBe(result);
  });

  it('returns a calendar date', () => {
    expect(isCalendarDate(addYears('2024-02-29', 1))).toBe(true);
  });
});

describe('addDays', () => {
  it.each([
    ['2025-11-07', -1, '2025-11-06'],
    ['2025-11-07', 0, '2025-11-07'],
    ['2023-09-30', 1, '2023-10-01'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2021-12-09', 1429, '2025-11-07'],
  ])('%s %+i days = %s', (date, days, result) => {
    expect(addDays(date, days)).toBe(result);
  });
});

describe('calendarDateOf', () => {
  it.each([
    ['2025-11-07T00:00:00.000Z', '2025-11-07'],
    ['2025-11-07T09:30:00.000Z', '2025-11-07'],
    ['2025-11-07T23:59:59.999Z', '2025-11-07'],
    ['2024-02-29T12:00:00Z', '2024-02-29'],
  ])('the UTC date of %s is %s', (instant, date) => {
    expect(calendarDateOf(instant)).toBe(date);
  });

  // The function is documented as "the UTC calendar date of an ISO 8601 instant"; an instant written
  // with an offset is still an ISO 8601 instant, and its UTC date can differ from its local date.
  it.each([
    ['2025-11-06T23:30:00-05:00', '2025-11-07'],
    ['2025-11-07T00:30:00+02:00', '2025-11-06'],
  ])('the UTC date of %s (with an offset) is %s', (instant, date) => {
    expect(calendarDateOf(instant)).toBe(date);
  });

  it.each(['', 'not-a-date', '2025-13-45T00:00:00Z'])('refuses %j, which is no instant', (instant) => {
    expect(() => calendarDateOf(instant)).toThrow(RangeError);
  });
});
