import { IllegalTransitionError, InvalidCommandError, type FieldError } from '../kernel/domain-error';

export const CountryPolicyErrors = {
  invalidChange: (errors: FieldError[]) =>
    new InvalidCommandError('INVALID_STATUS_CHANGE', 'The status change is inconsistent', errors),
  outOfOrder: (effectiveOn: string, latest: string) =>
    new IllegalTransitionError(
      'OUT_OF_ORDER_CHANGE',
      `A change effective ${effectiveOn} precedes the latest recorded change (effective ${latest}); record a correction effective on or after it`,
    ),
};
