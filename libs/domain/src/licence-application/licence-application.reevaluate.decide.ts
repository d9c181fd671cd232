import { isListed } from '../country-policy/policy-status';
import { isTightening } from '../reevaluation/reevaluation-trigger';
import { evaluatePolicy } from '../policy-evaluation/evaluate-policy';
import type { ReevaluateCase } from './licence-application.commands';
import { CommandErrors, requireCase } from './licence-application.case-checks';
import {
  LICENCE_FLAGGED_FOR_REVIEW,
  REVIEW_TRACK_CHANGED,
  type LicenceFlaggedForReview,
  type ReviewTrackChanged,
} from './licence-application.events';
import type { LicenceApplicationState, LicenceCase } from './licence-application.state';
import { isPending, LICENCE_ACTION_AUTHORITY, type CaseStatus } from './licence-application.types';

/**
 * What one re-evaluation did to one case, as its run accounts for it:
 * - `changed`: a pending case moved to another review track (`ReviewTrackChanged`);
 * - `unchanged`: a pending case whose track stays as it is (nothing is recorded on the case);
 * - `flagged`: a tightening reached an approved licence (`LicenceFlaggedForReview`);
 * - `not-affected`: the case was decided meanwhile (or its licence is not live), so the change does not concern it.
 */
export const REEVALUATION_OUTCOMES = ['changed', 'unchanged', 'flagged', 'not-affected'] as const;
export type ReevaluationOutcome = (typeof REEVALUATION_OUTCOMES)[number];

export interface ReevaluationDecision {
  readonly outcome: ReevaluationOutcome;
  readonly events: ReadonlyArray<ReviewTrackChanged | LicenceFlaggedForReview>;
}

/** Licences that are still live: a suspension is temporary, so a suspended licence is flagged as well. */
const LIVE_LICENCE: readonly CaseStatus[] = ['approved', 'suspended'];

/**
 * Re-determines a case against the register in force because a §126.1 change came into force (docs/product.md §2).
 *
 * Exactly once per run: a case on which the run already recorded its track change or flag answers the same
 * outcome again and records nothing, so a run resumed after a crash can replay its last batch safely. A pending
 * case whose track stays the same records nothing either, so replaying it is a no-op by construction.
 */
export function decideReevaluation(state: LicenceApplicationState, command: ReevaluateCase): ReevaluationDecision {
  const licenceCase = requireCase(state, command.applicationId);
  const errors = new CommandErrors().envelope(command);
  errors.notBlank('reevaluationId', command.reevaluationId);
  errors.throwIfAny();

  const recorded = licenceCase.reevaluations.find((done) => done.reevaluationId === command.reevaluationId);
  if (recorded) return { outcome: recorded.outcome, events: [] };

  const evaluation = evaluatePolicy(licenceCase, command.policy);
  if (isPending(licenceCase.status)) {
    if (evaluation.reviewTrack === licenceCase.reviewTrack) return { outcome: 'unchanged', events: [] };
    return {
      outcome: 'changed',
      events: [
        {
          type: REVIEW_TRACK_CHANGED,
          data: {
            applicationId: command.applicationId,
            reevaluationId: command.reevaluationId,
            from: licenceCase.reviewTrack,
            to: evaluation.reviewTrack,
            determinations: evaluation.determinations,
            notificationDuty126_1e: evaluation.notificationDuty126_1e,
            policyDate: command.policy.onDate,
            trigger: command.trigger,
            changedAt: command.at,
            changedBy: command.by,
          },
        },
      ],
    };
  }

  const determination = evaluation.determinations.find((d) => d.country === command.trigger.countryCode);
  // A tightening already undone by a later change in force (a run that starts late) leaves nothing to review.
  if (
    !determination ||
    !isListed(determination.policyStatus) ||
    !isTightening(command.trigger.from, command.trigger.to) ||
    !isLive(licenceCase, command.policy.onDate)
  ) {
    return { outcome: 'not-affected', events: [] };
  }
  return {
    outcome: 'flagged',
    events: [
      {
        type: LICENCE_FLAGGED_FOR_REVIEW,
        data: {
          applicationId: command.applicationId,
          reevaluationId: command.reevaluationId,
          reason: `${command.trigger.countryCode} is now ${command.trigger.to} under 22 CFR 126.1: review the licence under 22 CFR 126.7`,
          authority: LICENCE_ACTION_AUTHORITY,
          determination,
          trigger: command.trigger,
          flaggedAt: command.at,
          flaggedBy: command.by,
        },
      },
    ],
  };
}

/** An issued licence that is neither revoked nor past its last valid day on the policy date. */
function isLive(licenceCase: LicenceCase, onDate: string): boolean {
  return (
    LIVE_LICENCE.includes(licenceCase.status) && licenceCase.licence !== null && licenceCase.licence.validUntil >= onDate
  );
}
