import type { AssignCase } from './licence-application.commands';
import { CommandErrors, requireCase, requirePending } from './licence-application.case-checks';
import { LicenceApplicationErrors } from './licence-application.errors';
import { CASE_ASSIGNED, type CaseAssigned } from './licence-application.events';
import type { LicenceApplicationState } from './licence-application.state';

/**
 * Gives a pending case to a case officer. The first assignment starts the review (submitted →
 * under-review); a re-assignment moves the case to another officer and leaves its status alone.
 */
export function decideAssign(state: LicenceApplicationState, command: AssignCase): CaseAssigned[] {
  const licenceCase = requireCase(state, command.applicationId);
  const errors = new CommandErrors().envelope(command);
  errors.notBlank('officerId', command.officerId);
  errors.throwIfAny();

  requirePending(licenceCase);
  // Re-assigning to the same officer would record a change that did not happen.
  if (licenceCase.assignee === command.officerId) {
    throw LicenceApplicationErrors.alreadyAssigned(command.applicationId, command.officerId);
  }

  return [
    {
      type: CASE_ASSIGNED,
      data: {
        applicationId: command.applicationId,
        officerId: command.officerId,
        previousOfficerId: licenceCase.assignee,
        assignedAt: command.at,
        assignedBy: command.by,
      },
    },
  ];
}
