import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength, ValidateBy, type ValidationOptions } from 'class-validator';
import { trimmed } from './string-transforms';

/**
 * Validators class-validator lacks or gets wrong for hostile input. Each is linear in its input:
 * class-validator's ArrayUnique compares every pair, and IsNumber's maxDecimalPlaces throws on 1e-7.
 */

/** Every item differs from the others (strings, numbers, booleans); one pass through a Set. */
export function UniqueItems(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'uniqueItems',
      validator: {
        validate: (value: unknown) => Array.isArray(value) && new Set(value).size === value.length,
        defaultMessage: (args) => `${args?.property ?? 'value'} must not list the same item twice`,
      },
    },
    options,
  );
}

/** A finite amount with at most two decimals (cents); 1e-7 and 5e-324 are refused, not rounded. */
export function IsCentAmount(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCentAmount',
      validator: {
        validate: (value: unknown) => typeof value === 'number' && Number.isFinite(value) && Math.round(value * 100) / 100 === value,
        defaultMessage: (args) => `${args?.property ?? 'value'} must be an amount with at most two decimals`,
      },
    },
    options,
  );
}

/** Control characters (C0, DEL, C1) other than tab, line feed and carriage return. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
/** Invisible format characters: zero-width spaces and joiners, bidi controls, the BOM, soft hyphen (Unicode Cf). */
const FORMAT_CHARACTER = /\p{Cf}/u;
const WHITE_SPACE = /\s/u;

/**
 * An identifier a person types and others match on (an officer's user id, a §126.1 paragraph, an assignee
 * filter): no white space, control or invisible characters, so two ids that look the same are the same.
 */
export function IsPlainIdentifier(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPlainIdentifier',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          !CONTROL_CHARACTER.test(value) &&
          !FORMAT_CHARACTER.test(value) &&
          !/[\t\n\r]/.test(value) &&
          !WHITE_SPACE.test(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must not contain spaces, control or invisible (zero-width, bidi) characters`,
      },
    },
    options,
  );
}

/** Free text, trimmed first: a non-empty string of at most `maxLength` characters. */
export function IsText(maxLength: number): PropertyDecorator {
  // The order a stack of these decorators is applied in (bottom up), so errors are listed as before.
  return applyDecorators(MaxLength(maxLength), IsNotEmpty(), IsString(), Transform(trimmed));
}
