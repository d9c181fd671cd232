import type { DenyLicence, ReturnWithoutAction, WithdrawApplication } from './licence-application.commands';
import { CommandErrors, requireCase, requirePending } from './licence-application.case-checks';
import { LicenceApplicationErrors } from './licence-application.errors';
import {
  APPLICATION_RETURNED_WITHOUT_ACTION,
  APPLICATION_WITHDRAWN,
  LICENCE_DENIED,
  type ApplicationReturnedWithoutAction,
  type ApplicationWithdrawn,
  type LicenceDenied,
} from './licence-application.events';
import type { LicenceApplicationState, LicenceCase } from './licence-application.state';

/**
 * Every closing states its reason: it is what the applicant is told (under 22 CFR 126.7 a denial is
 * notified in writing with reasons; the notes tag that text [M]) and what an auditor reads.
 */
function checkReasoned(
  state: LicenceApplicationState,
  command: { readonly applicationId: string; readonly reason: string; readonly at: string; readonly by: string },
): LicenceCase {
  const licenceCase = requireCase(state, command.applicationId);
  const errors = new CommandErrors().envelope(command);
  errors.notBlank('reason', command.reason);
  errors.throwIfAny();
  requirePending(licenceCase);
  return licenceCase;
}

/**
 * Denies the licence. It needs an assigned officer, but not the agencies' answers: a denial does not wait
 * for staffing, and open referrals simply stay unanswered on the record.
 */
export function decideDeny(state: LicenceApplicationState, command: DenyLicence): LicenceDenied[] {
  const licenceCase = checkReasoned(state, command);
  if (licenceCase.status === 'submitted') throw LicenceApplicationErrors.caseNotAssigned(command.applicationId);
  return [
    {
      type: LICENCE_DENIED,
      data: { applicationId: command.applicationId, reason: command.reason, deniedAt: command.at, deniedBy: command.by },
    },
  ];
}

/**
 * Returns the application without action (RWA). Allowed from any pending status, including submitted:
 * RWA is the outcome of the completeness screening that precedes review (docs/regulation.md §5, step 3).
 * The applicant must file a new case.
 */
export function decideReturnWithoutAction(
  state: LicenceApplicationState,
  command: ReturnWithoutAction,
): ApplicationReturnedWithoutAction[] {
  checkReasoned(state, command);
  return [
    {
      type: APPLICATION_RETURNED_WITHOUT_ACTION,
      data: {
        applicationId: command.applicationId,
        reason: command.reason,
        returnedAt: command.at,
        returnedBy: command.by,
      },
    },
  ];
}

/**
 * The applicant withdraws the application, at any time while it is pending. Common practice, though the
 * domain notes could not confirm it as a DECCS status ([M]).
 */
export function decideWithdraw(state: LicenceApplicationState, command: WithdrawApplication): ApplicationWithdrawn[] {
  checkReasoned(state, command);
  return [
    {
      type: APPLICATION_WITHDRAWN,
      data: {
        applicationId: command.applicationId,
        reason: command.reason,
        withdrawnAt: command.at,
        withdrawnBy: command.by,
      },
    },
  ];
}
