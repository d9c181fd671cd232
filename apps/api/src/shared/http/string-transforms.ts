/**
 * class-transformer `@Transform` functions shared by the request DTOs. Non-strings pass through untouched so
 * the validators report them as the wrong type instead of a transform hiding them.
 */
type TransformInput = { value: unknown };

/** Surrounding white space is never meaningful in a name, a reason or a proviso. */
export const trimmed = ({ value }: TransformInput): unknown => (typeof value === 'string' ? value.trim() : value);

/** Codes (countries, registration and agency codes) are accepted in any case and stored upper-case. */
export const upperCase = ({ value }: TransformInput): unknown =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;

/** `trimmed` applied to each string of an array (a list of provisos). */
export const eachTrimmed = ({ value }: TransformInput): unknown =>
  Array.isArray(value) ? value.map((item: unknown) => trimmed({ value: item })) : value;
