import type { LicenceApplicationEvent, LicenceApplicationSubmittedData } from './licence-application.events';
import {
  evolveCaseSummary,
  openCaseSummary,
  type CaseLifecycleEvent,
  type CaseSummary,
} from './licence-application.summary';
import type { CaseStatus, ReferralRecommendation } from './licence-application.types';

/**
 * One staffing of the case to an agency. A re-referral to an agency whose earlier referral was answered
 * adds a new entry, so every recommendation stays on the record.
 */
export interface Referral {
  readonly agency: string;
  readonly status: 'open' | 'answered';
  readonly referredAt: string;
  readonly referredBy: string;
  readonly recommendation: ReferralRecommendation | null;
  readonly provisos: readonly string[];
  readonly answeredAt: string | null;
  readonly answeredBy: string | null;
}

export const CASE_OUTCOMES = ['approved', 'denied', 'returned-without-action', 'withdrawn'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

/** The final action on the case (docs/regulation.md §5, step 5), or its withdrawal. */
export interface CaseDecision {
  readonly outcome: CaseOutcome;
  readonly at: string;
  readonly by: string;
  /** The reason of a denial, return or withdrawal; null for an approval. */
  readonly reason: string | null;
  /** The provisos of an approval; empty otherwise. */
  readonly provisos: readonly string[];
}

/** The licence an approval issued, and what later happened to it. */
export interface IssuedLicence {
  readonly validFrom: string;
  readonly validUntil: string;
  readonly validityBasis: string;
  readonly validityUnconfirmed: boolean;
  readonly suspendedAt: string | null;
  readonly revokedAt: string | null;
  readonly expiredOn: string | null;
}

/** A re-evaluation run that recorded something on this case (a track change, a revision or a flag), once per run. */
export interface CaseReevaluation {
  readonly reevaluationId: string;
  readonly outcome: 'changed' | 'revised' | 'flagged';
  readonly policyEventId: string;
  readonly at: string;
}

/** A submitted case: what its submission recorded, and what happened to it since. */
export interface LicenceCase extends LicenceApplicationSubmittedData {
  readonly status: CaseStatus;
  /** The case officer in charge; null until the case is first assigned. */
  readonly assignee: string | null;
  readonly referrals: readonly Referral[];
  readonly decision: CaseDecision | null;
  readonly licence: IssuedLicence | null;
  /** Every re-evaluation that changed the track or flagged the licence, oldest first. */
  readonly reevaluations: readonly CaseReevaluation[];
  /** The licence was flagged for a §126.7 review by a tightening (and not acted on since). */
  readonly flaggedForReview: boolean;
  /** The instant of the last event's command (its `at`, or `submittedAt`). */
  readonly lastChangedAt: string;
}

/** `null` until the application is submitted. */
export type LicenceApplicationState = LicenceCase | null;

export const initialLicenceApplicationState: LicenceApplicationState = null;

/** The agencies whose referral is still open, sorted (one open referral per agency at most). */
export function openReferralAgencies(referrals: readonly Referral[]): string[] {
  return referrals
    .filter((referral) => referral.status === 'open')
    .map((referral) => referral.agency)
    .sort();
}

/** The fields of the case its list row shows (docs/product.md §2), read from the case. */
export function caseSummaryOf(state: LicenceCase): CaseSummary {
  const { status, reviewTrack, assignee, flaggedForReview } = state;
  return { status, reviewTrack, assignee, flaggedForReview, validUntil: state.licence?.validUntil ?? null };
}

export function evolveLicenceApplication(
  state: LicenceApplicationState,
  event: LicenceApplicationEvent,
): LicenceApplicationState {
  if (event.type === 'LicenceApplicationSubmitted') {
    const { status, assignee, flaggedForReview } = openCaseSummary(event);
    return {
      ...event.data,
      status,
      assignee,
      flaggedForReview,
      referrals: [],
      decision: null,
      licence: null,
      reevaluations: [],
      lastChangedAt: event.data.submittedAt,
    };
  }
  // A lifecycle event on a stream without its submission is a corrupt stream, not a refused command.
  if (state === null) throw new Error(`${event.type} recorded before LicenceApplicationSubmitted`);

  // Status, track, assignee and flag evolve as the case list's rows do: one transition for both.
  const { status, reviewTrack, assignee, flaggedForReview } = evolveCaseSummary(caseSummaryOf(state), event);
  return { ...evolveCaseRecord(state, event), status, reviewTrack, assignee, flaggedForReview };
}

/** The rest of the case: determinations, referrals, decision, licence, re-evaluations and the last change. */
function evolveCaseRecord(state: LicenceCase, event: CaseLifecycleEvent): LicenceCase {
  switch (event.type) {
    case 'ReviewTrackChanged': {
      const { determinations, notificationDuty126_1e, policyDate, reevaluationId, trigger, changedAt } = event.data;
      return {
        ...state,
        determinations: [...determinations],
        notificationDuty126_1e,
        congressionalNotification: event.data.congressionalNotification ?? state.congressionalNotification,
        policyDate,
        reevaluations: [
          ...state.reevaluations,
          { reevaluationId, outcome: 'changed', policyEventId: trigger.policyEventId, at: changedAt },
        ],
        lastChangedAt: changedAt,
      };
    }
    case 'DeterminationsRevised': {
      const { determinations, notificationDuty126_1e, congressionalNotification, policyDate, reevaluationId, trigger, revisedAt } =
        event.data;
      return {
        ...state,
        determinations: [...determinations],
        notificationDuty126_1e,
        congressionalNotification,
        policyDate,
        reevaluations: [
          ...state.reevaluations,
          { reevaluationId, outcome: 'revised', policyEventId: trigger.policyEventId, at: revisedAt },
        ],
        lastChangedAt: revisedAt,
      };
    }
    case 'LicenceFlaggedForReview': {
      const { reevaluationId, trigger, flaggedAt, determination } = event.data;
      return {
        ...state,
        // The licence's destination now shows the determination that flagged it, so a later run compares with it.
        determinations: state.determinations.map((current) =>
          current.country === determination.country ? determination : current,
        ),
        reevaluations: [
          ...state.reevaluations,
          { reevaluationId, outcome: 'flagged', policyEventId: trigger.policyEventId, at: flaggedAt },
        ],
        lastChangedAt: flaggedAt,
      };
    }
    case 'CaseAssigned':
      return { ...state, lastChangedAt: event.data.assignedAt };
    case 'CaseReferred':
      return {
        ...state,
        referrals: [
          ...state.referrals,
          {
            agency: event.data.agency,
            status: 'open',
            referredAt: event.data.referredAt,
            referredBy: event.data.referredBy,
            recommendation: null,
            provisos: [],
            answeredAt: null,
            answeredBy: null,
          },
        ],
        lastChangedAt: event.data.referredAt,
      };
    case 'ReferralAnswered': {
      const { agency, recommendation, provisos, answeredAt, answeredBy } = event.data;
      return {
        ...state,
        referrals: state.referrals.map((referral) =>
          referral.agency === agency && referral.status === 'open'
            ? { ...referral, status: 'answered', recommendation, provisos: [...provisos], answeredAt, answeredBy }
            : referral,
        ),
        lastChangedAt: answeredAt,
      };
    }
    case 'LicenceApproved': {
      const { provisos, approvedAt, approvedBy, validFrom, validUntil, validityBasis, validityUnconfirmed } = event.data;
      return {
        ...state,
        decision: { outcome: 'approved', at: approvedAt, by: approvedBy, reason: null, provisos: [...provisos] },
        licence: {
          validFrom,
          validUntil,
          validityBasis,
          validityUnconfirmed,
          suspendedAt: null,
          revokedAt: null,
          expiredOn: null,
        },
        lastChangedAt: approvedAt,
      };
    }
    case 'LicenceDenied':
      return closed(state, 'denied', event.data.deniedAt, event.data.deniedBy, event.data.reason);
    case 'ApplicationReturnedWithoutAction':
      return closed(state, 'returned-without-action', event.data.returnedAt, event.data.returnedBy, event.data.reason);
    case 'ApplicationWithdrawn':
      return closed(state, 'withdrawn', event.data.withdrawnAt, event.data.withdrawnBy, event.data.reason);
    case 'LicenceSuspended':
      return {
        ...state,
        licence: { ...issued(state, event.type), suspendedAt: event.data.suspendedAt },
        lastChangedAt: event.data.suspendedAt,
      };
    case 'LicenceRevoked':
      return {
        ...state,
        licence: { ...issued(state, event.type), revokedAt: event.data.revokedAt },
        lastChangedAt: event.data.revokedAt,
      };
    case 'LicenceExpired':
      return {
        ...state,
        licence: { ...issued(state, event.type), expiredOn: event.data.expiredOn },
        lastChangedAt: event.data.expiredAt,
      };
  }
}

/** A case closed without a licence: denied, returned without action or withdrawn. */
function closed(
  state: LicenceCase,
  outcome: Exclude<CaseOutcome, 'approved'>,
  at: string,
  by: string,
  reason: string,
): LicenceCase {
  return { ...state, decision: { outcome, at, by, reason, provisos: [] }, lastChangedAt: at };
}

function issued(state: LicenceCase, eventType: string): IssuedLicence {
  if (state.licence === null) throw new Error(`${eventType} recorded on a case without an approved licence`);
  return state.licence;
}
