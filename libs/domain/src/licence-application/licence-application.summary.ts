import type { ReviewTrack } from '../policy-evaluation/determination';
import type { LicenceApplicationEvent, LicenceApplicationSubmitted } from './licence-application.events';
import type { CaseStatus } from './licence-application.types';

/**
 * The part of a case that the case list, the dashboard, the officers' workload and the expiry schedule show. The
 * aggregate folds these fields with {@link evolveCaseSummary} too, so the case and its row cannot disagree.
 */
export interface CaseSummary {
  readonly status: CaseStatus;
  readonly reviewTrack: ReviewTrack;
  /** The case officer in charge; null until the case is first assigned. */
  readonly assignee: string | null;
  /**
   * A §126.1 tightening flagged the licence for a supervisor's 22 CFR §126.7 review, and it has been neither
   * suspended nor revoked since.
   */
  readonly flaggedForReview: boolean;
  /** The last day of an approved licence; null before approval. */
  readonly validUntil: string | null;
}

/** The events after a case's submission. */
export type CaseLifecycleEvent = Exclude<LicenceApplicationEvent, LicenceApplicationSubmitted>;

/** A case as its submission opens it (docs/product.md §2): submitted, unassigned, on the track its determinations gave. */
export function openCaseSummary(submitted: LicenceApplicationSubmitted): CaseSummary {
  return {
    status: 'submitted',
    reviewTrack: submitted.data.reviewTrack,
    assignee: null,
    flaggedForReview: false,
    validUntil: null,
  };
}

/** Folds one event recorded after the submission into the summary (docs/product.md §2, the case lifecycle). */
export function evolveCaseSummary(summary: CaseSummary, event: CaseLifecycleEvent): CaseSummary {
  switch (event.type) {
    case 'CaseAssigned':
      // The first assignment starts the review; a re-assignment keeps the case where it is (under review or referred).
      return {
        ...summary,
        status: summary.status === 'submitted' ? 'under-review' : summary.status,
        assignee: event.data.officerId,
      };
    case 'CaseReferred':
      return { ...summary, status: 'referred' };
    case 'ReferralAnswered':
      // The case is back under review once no agency's referral is open.
      return { ...summary, status: event.data.outstandingReferrals.length === 0 ? 'under-review' : 'referred' };
    case 'LicenceApproved':
      return { ...summary, status: 'approved', validUntil: event.data.validUntil };
    case 'LicenceDenied':
      return { ...summary, status: 'denied' };
    case 'ApplicationReturnedWithoutAction':
      return { ...summary, status: 'returned-without-action' };
    case 'ApplicationWithdrawn':
      return { ...summary, status: 'withdrawn' };
    // Suspending or revoking the licence is the outcome of a §126.7 review: it answers any pending flag.
    case 'LicenceSuspended':
      return { ...summary, status: 'suspended', flaggedForReview: false };
    case 'LicenceRevoked':
      return { ...summary, status: 'revoked', flaggedForReview: false };
    // An expiry is no review: the flag stays as it was.
    case 'LicenceExpired':
      return { ...summary, status: 'expired' };
    case 'ReviewTrackChanged':
      return { ...summary, reviewTrack: event.data.to };
    case 'LicenceFlaggedForReview':
      return { ...summary, flaggedForReview: true };
    case 'DeterminationsRevised':
      // A revision leaves the case on its track: only the determinations (shown on the case view) change.
      return summary;
  }
}
