import { ValidateBy, type ValidationOptions } from 'class-validator';

/** DSP-5 Block 14: a case names at least one foreign end-user. */
export function ContainsEndUser(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'containsEndUser',
      validator: {
        validate: (value: unknown) =>
          Array.isArray(value) &&
          value.some((party) => typeof party === 'object' && party !== null && (party as { role?: unknown }).role === 'end-user'),
        defaultMessage: () => 'parties must include at least one end-user',
      },
    },
    options,
  );
}
