import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import type { Clock } from '../../shared/clock/clock';
import { parseInstant } from '../../shared/http/instant';
import { resolveAsOfDate } from './as-of-date';

/** The register's two times: the date an entry is in force on (valid time) and what had been recorded by then. */
export interface RegisterTime {
  readonly asOf: string;
  readonly knownAt: string | null;
}

/** `?asOf` (today when absent) and `?knownAt` (everything recorded when absent); either malformed is a 400. */
export function resolveRegisterTime(asOf: string | undefined, knownAt: string | undefined, clock: Clock): RegisterTime {
  const known = parseInstant('knownAt', knownAt) ?? null;
  return { asOf: resolveAsOfDate(asOf, clock), knownAt: known };
}

export const ApiRegisterTimeQueries = (): MethodDecorator =>
  applyDecorators(
    ApiQuery({ name: 'asOf', required: false, description: 'Date (YYYY-MM-DD): the status in force on that date' }),
    ApiQuery({
      name: 'knownAt',
      required: false,
      description: 'ISO 8601 instant (recorded time): the register as it was known then, ignoring changes recorded later',
    }),
  );
