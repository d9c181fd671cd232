import type { AnswerReferral, ReferCase } from './licence-application.commands';
import { CommandErrors, requireCase, requirePending } from './licence-application.case-checks';
import { LicenceApplicationErrors } from './licence-application.errors';
import {
  CASE_REFERRED,
  REFERRAL_ANSWERED,
  type CaseReferred,
  type ReferralAnswered,
} from './licence-application.events';
import { openReferralAgencies, type LicenceApplicationState } from './licence-application.state';
import { isReferralRecommendation, REFERRAL_RECOMMENDATIONS } from './licence-application.types';

/**
 * Staffs the case to another agency, such as DoD/DTSA or the State human-rights desk, for its
 * recommendation (docs/regulation.md §5, step 4). Only an assigned case is staffed: its officer owns the referral.
 */
export function decideRefer(state: LicenceApplicationState, command: ReferCase): CaseReferred[] {
  const licenceCase = requireCase(state, command.applicationId);
  const errors = new CommandErrors().envelope(command);
  errors.agency('agency', command.agency);
  errors.throwIfAny();

  requirePending(licenceCase);
  if (licenceCase.status === 'submitted') throw LicenceApplicationErrors.caseNotAssigned(command.applicationId);
  // One open question per agency: a second referral before the answer would leave two answers to match.
  if (licenceCase.referrals.some((r) => r.agency === command.agency && r.status === 'open')) {
    throw LicenceApplicationErrors.referralAlreadyOpen(command.applicationId, command.agency);
  }

  return [
    {
      type: CASE_REFERRED,
      data: {
        applicationId: command.applicationId,
        agency: command.agency,
        referredAt: command.at,
        referredBy: command.by,
      },
    },
  ];
}

/**
 * Records an agency's answer to its open referral. The case goes back under review when no referral is
 * left open; the answer lists the agencies still outstanding so that readers need not recount them.
 */
export function decideAnswerReferral(state: LicenceApplicationState, command: AnswerReferral): ReferralAnswered[] {
  const licenceCase = requireCase(state, command.applicationId);
  const errors = new CommandErrors().envelope(command);
  errors.agency('agency', command.agency);
  validateRecommendation(command, errors);
  errors.throwIfAny();

  requirePending(licenceCase);
  const referrals = licenceCase.referrals.filter((r) => r.agency === command.agency);
  if (referrals.length === 0) throw LicenceApplicationErrors.referralNotFound(command.applicationId, command.agency);
  if (!referrals.some((r) => r.status === 'open')) {
    throw LicenceApplicationErrors.referralAlreadyAnswered(command.applicationId, command.agency);
  }

  return [
    {
      type: REFERRAL_ANSWERED,
      data: {
        applicationId: command.applicationId,
        agency: command.agency,
        recommendation: command.recommendation,
        provisos: [...command.provisos],
        answeredAt: command.at,
        answeredBy: command.by,
        outstandingReferrals: openReferralAgencies(licenceCase.referrals).filter((agency) => agency !== command.agency),
      },
    },
  ];
}

/** Provisos condition an approval: a recommendation to approve with provisos names them, the others name none. */
function validateRecommendation(command: AnswerReferral, errors: CommandErrors): void {
  errors.provisos('provisos', command.provisos);
  if (!isReferralRecommendation(command.recommendation)) {
    errors.fail('recommendation', `must be one of ${REFERRAL_RECOMMENDATIONS.join(', ')}`);
    return;
  }
  if (!Array.isArray(command.provisos)) return;
  if (command.recommendation === 'approve-with-provisos' && command.provisos.length === 0) {
    errors.fail('provisos', 'an approval with provisos must state at least one proviso');
  }
  if (command.recommendation !== 'approve-with-provisos' && command.provisos.length > 0) {
    errors.fail('provisos', `a recommendation to ${command.recommendation} carries no provisos (use approve-with-provisos)`);
  }
}
