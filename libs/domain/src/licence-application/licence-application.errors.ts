import { IllegalTransitionError, InvalidCommandError, type FieldError } from '../shared/domain-error';

export const LicenceApplicationErrors = {
  invalid: (errors: FieldError[]) =>
    new InvalidCommandError('INVALID_APPLICATION', 'The application is incomplete or inconsistent', errors),
  alreadySubmitted: (applicationId: string) =>
    new IllegalTransitionError('ALREADY_SUBMITTED', `Application ${applicationId} was already submitted`),
};
