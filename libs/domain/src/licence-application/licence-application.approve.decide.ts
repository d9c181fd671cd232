import { calendarDateOf, isCalendarDate } from '../kernel/calendar-date';
import type { ApproveLicence } from './licence-application.commands';
import { CommandErrors, requireCase, requirePending } from './licence-application.case-checks';
import { LicenceApplicationErrors } from './licence-application.errors';
import { LICENCE_APPROVED, type LicenceApproved } from './licence-application.events';
import { openReferralAgencies, type LicenceApplicationState } from './licence-application.state';
import { decideLicenceValidity, validityRuleFor } from './licence-validity.rule';

/**
 * Approves the licence, with provisos if any, and fixes its term (licence-validity.rule.ts).
 *
 * Refusals, in order: no such case; a malformed command (INVALID_CASE_COMMAND); a decided case; a case on
 * the policy-of-denial track; a case never assigned; referrals still open; then a term outside the rule
 * (INVALID_VALIDITY), which is only worth reporting once the case could be approved at all.
 */
export function decideApprove(state: LicenceApplicationState, command: ApproveLicence): LicenceApproved[] {
  const licenceCase = requireCase(state, command.applicationId);
  const errors = new CommandErrors().envelope(command);
  errors.provisos('provisos', command.provisos);
  const validUntil = command.validUntil ?? undefined;
  if (validUntil !== undefined && !isCalendarDate(validUntil)) {
    errors.fail('validUntil', 'must be a date (YYYY-MM-DD)');
  }
  if (validUntil === undefined && validityRuleFor(licenceCase.licenceType).termRequired) {
    errors.fail('validUntil', `a ${licenceCase.licenceType} is an agreement (22 CFR Part 124): state its term`);
  }
  errors.throwIfAny();

  requirePending(licenceCase);
  // 22 CFR 126.1(a) and (d): licences for these destinations meet a policy of denial; docs/product.md §2 invariant.
  if (licenceCase.reviewTrack === 'policy-of-denial') throw LicenceApplicationErrors.policyOfDenial(command.applicationId);
  if (licenceCase.status === 'submitted') throw LicenceApplicationErrors.caseNotAssigned(command.applicationId);
  // An approval waits for every agency's recommendation: their provisos may belong on the licence.
  const outstanding = openReferralAgencies(licenceCase.referrals);
  if (outstanding.length > 0) throw LicenceApplicationErrors.referralsOutstanding(command.applicationId, outstanding);

  const approvalDate = calendarDateOf(command.at);
  const validity = decideLicenceValidity(licenceCase.licenceType, approvalDate, validUntil);
  if (!validity.ok) throw LicenceApplicationErrors.invalidValidity(validity.reason);

  return [
    {
      type: LICENCE_APPROVED,
      data: {
        applicationId: command.applicationId,
        provisos: [...command.provisos],
        approvedAt: command.at,
        approvedBy: command.by,
        ...validity.validity,
      },
    },
  ];
}
