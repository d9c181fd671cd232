import { isListed, type ExceptionCode } from '../country-policy/policy-status';
import { isTightening, type ReevaluationTrigger } from '../reevaluation/reevaluation-trigger';
import type { Determination, PolicyEvaluation } from '../policy-evaluation/determination';
import { evaluatePolicy } from '../policy-evaluation/evaluate-policy';
import type { ReevaluateCase } from './licence-application.commands';
import { CommandErrors, requireCase } from './licence-application.case-checks';
import {
  DETERMINATIONS_REVISED,
  LICENCE_FLAGGED_FOR_REVIEW,
  REVIEW_TRACK_CHANGED,
  type DeterminationsRevised,
  type LicenceFlaggedForReview,
  type ReviewTrackChanged,
} from './licence-application.events';
import type { LicenceApplicationState, LicenceCase } from './licence-application.state';
import { isPending, LICENCE_ACTION_AUTHORITY, type CaseStatus } from './licence-application.types';

/**
 * What one re-evaluation did to one case, as its run accounts for it:
 * - `changed`: a pending case moved to another review track (`ReviewTrackChanged`);
 * - `revised`: a pending case stays on its track but a determination, citation, policy version, caveat or flag
 *   changed (`DeterminationsRevised`), so the case never shows a stale determination;
 * - `unchanged`: a pending case whose determinations and flags stay exactly as they are (nothing is recorded);
 * - `flagged`: a tightening reached an approved licence (`LicenceFlaggedForReview`);
 * - `not-affected`: the case was decided meanwhile (or its licence is not live), so the change does not concern it.
 */
export const REEVALUATION_OUTCOMES = ['changed', 'revised', 'unchanged', 'flagged', 'not-affected'] as const;
export type ReevaluationOutcome = (typeof REEVALUATION_OUTCOMES)[number];

export interface ReevaluationDecision {
  readonly outcome: ReevaluationOutcome;
  readonly events: ReadonlyArray<ReviewTrackChanged | DeterminationsRevised | LicenceFlaggedForReview>;
}

/** Licences that are still live: a suspension is temporary, so a suspended licence is flagged as well. */
const LIVE_LICENCE: readonly CaseStatus[] = ['approved', 'suspended'];

/**
 * Re-determines a case against the register in force because a §126.1 change came into force (docs/product.md §2).
 *
 * Exactly once per run: a case on which the run already recorded its track change, revision or flag answers the same
 * outcome again and records nothing, so a run resumed after a crash can replay its last batch safely. A pending
 * case whose determinations and flags stay the same records nothing either, so replaying it is a no-op.
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
    if (evaluation.reviewTrack === licenceCase.reviewTrack) return revision(licenceCase, evaluation, command);
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
            congressionalNotification: evaluation.congressionalNotification,
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
  if (!determination || !isListed(determination.policyStatus) || !isLive(licenceCase, command.policy.onDate)) {
    return { outcome: 'not-affected', events: [] };
  }
  const reason = flagReason(licenceCase, determination, command.trigger);
  if (reason === null) return { outcome: 'not-affected', events: [] };
  return {
    outcome: 'flagged',
    events: [
      {
        type: LICENCE_FLAGGED_FOR_REVIEW,
        data: {
          applicationId: command.applicationId,
          reevaluationId: command.reevaluationId,
          reason,
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

/**
 * Why a live licence needs a §126.7 review (22 CFR §126.7: DDTC may revoke, suspend or amend an approval), or null:
 * - the country was added to §126.1 or moved to a stricter table (Table 2 → Table 1, §126.1(d)(1));
 * - its Table 2 paragraph was narrowed (the precedent is Eritrea ¶(h), 86 FR 60165, FR Doc 2021-23450) and the
 *   licence relied on an exception the change removed, so its end use is under the policy of denial now.
 * A correction of the register flags only when it is the entry in force on the run's date.
 */
function flagReason(licenceCase: LicenceCase, determination: Determination, trigger: ReevaluationTrigger): string | null {
  // A correction of the register's past (e.g. Libya's pre-2007 listing) says nothing about today's licences unless
  // it is the entry in force on the run's date.
  if (trigger.correction === true && determination.policyVersion !== trigger.policyVersion) return null;
  if (isTightening(trigger.from, trigger.to)) {
    return `${trigger.countryCode} is now ${trigger.to} under 22 CFR 126.1: review the licence under 22 CFR 126.7`;
  }
  const removed = trigger.exceptionsRemoved ?? [];
  const recorded = licenceCase.determinations.find((d) => d.country === trigger.countryCode);
  const lost = recorded ? appliedExceptions(recorded).filter((exception) => removed.includes(exception)) : [];
  if (lost.length === 0 || determination.track !== 'policy-of-denial') return null;
  const paragraph = determination.paragraph ?? 'its Table 2 paragraph';
  return (
    `${trigger.countryCode} ${paragraph} no longer offers ${lost.join(', ')}, on which the licence relied ` +
    '(22 CFR 126.1(d)(2)): review the licence under 22 CFR 126.7'
  );
}

/** The exceptions a determination applied (older events carry only the single `exceptionApplied`). */
function appliedExceptions(determination: Determination): readonly ExceptionCode[] {
  if (Array.isArray(determination.exceptionsApplied)) return determination.exceptionsApplied;
  return determination.exceptionApplied ? [determination.exceptionApplied] : [];
}

/**
 * A pending case that stays on its track: `revised` with `DeterminationsRevised` when any determination (status,
 * paragraph, exceptions, citation, policy version, caveats) or flag (§126.1(e) duty, §123.15 notification) differs
 * from what the case shows, else `unchanged` with nothing recorded.
 */
function revision(licenceCase: LicenceCase, evaluation: PolicyEvaluation, command: ReevaluateCase): ReevaluationDecision {
  const revisedCountries = evaluation.determinations
    .filter((next) => {
      const current = licenceCase.determinations.find((d) => d.country === next.country);
      return current === undefined || canonical(current) !== canonical(next);
    })
    .map((next) => next.country);
  const flagsChanged =
    evaluation.notificationDuty126_1e !== licenceCase.notificationDuty126_1e ||
    canonical(evaluation.congressionalNotification) !== canonical(licenceCase.congressionalNotification) ||
    evaluation.determinations.length !== licenceCase.determinations.length;
  if (revisedCountries.length === 0 && !flagsChanged) return { outcome: 'unchanged', events: [] };
  return {
    outcome: 'revised',
    events: [
      {
        type: DETERMINATIONS_REVISED,
        data: {
          applicationId: command.applicationId,
          reevaluationId: command.reevaluationId,
          reviewTrack: licenceCase.reviewTrack,
          determinations: evaluation.determinations,
          revisedCountries,
          notificationDuty126_1e: evaluation.notificationDuty126_1e,
          congressionalNotification: evaluation.congressionalNotification,
          policyDate: command.policy.onDate,
          trigger: command.trigger,
          revisedAt: command.at,
          revisedBy: command.by,
        },
      },
    ],
  };
}

/** JSON with sorted keys: a determination read back from the log compares equal to the same one decided now. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

/** An issued licence that is neither revoked nor past its last valid day on the policy date. */
function isLive(licenceCase: LicenceCase, onDate: string): boolean {
  return (
    LIVE_LICENCE.includes(licenceCase.status) && licenceCase.licence !== null && licenceCase.licence.validUntil >= onDate
  );
}
