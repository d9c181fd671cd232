import type { RecordedEvent } from '@app/infra';

/**
 * The fields of the case events that the read models use, read from the recorded JSON (`RecordedEvent.data`).
 *
 * Only what the read models need is declared, and every field is checked at runtime: a read model must survive
 * an event recorded by a newer build (extra fields, unknown types), so anything it cannot read is ignored, never
 * projected half-way.
 */
export type CaseEvent =
  | {
      readonly type: 'LicenceApplicationSubmitted';
      readonly licenceType: string;
      readonly applicantName: string;
      readonly valueUsd: number;
      readonly submittedAt: string;
      readonly reviewTrack: string;
      readonly countries: readonly string[];
    }
  | { readonly type: 'CaseAssigned'; readonly officerId: string }
  | { readonly type: 'CaseReferred' }
  | { readonly type: 'ReferralAnswered'; readonly outstandingReferrals: readonly string[] }
  | { readonly type: 'LicenceApproved'; readonly validUntil: string }
  | { readonly type: 'ReviewTrackChanged'; readonly to: string }
  | { readonly type: 'DeterminationsRevised'; readonly reviewTrack: string }
  | { readonly type: 'LicenceFlaggedForReview' }
  | {
      readonly type: 'status';
      readonly status: (typeof STATUS_EVENTS)[keyof typeof STATUS_EVENTS];
      /** The event is a supervisor's §126.7 action on the licence, which answers any pending flag. */
      readonly endsReview: boolean;
    };

/** Events whose effect on the read models is the status they set (and, for some, the end of a review). */
const STATUS_EVENTS = {
  LicenceDenied: 'denied',
  ApplicationReturnedWithoutAction: 'returned-without-action',
  ApplicationWithdrawn: 'withdrawn',
  LicenceSuspended: 'suspended',
  LicenceRevoked: 'revoked',
  LicenceExpired: 'expired',
} as const;

/**
 * The status events that clear `flaggedForReview`, as the case aggregate does: suspending or revoking the licence
 * is the review's outcome. An expiry is not a review, so it leaves the flag as it was.
 */
const REVIEW_ENDING_EVENTS: ReadonlySet<string> = new Set(['LicenceSuspended', 'LicenceRevoked']);

/** The read models' view of a recorded case event; `null` for a type they ignore or data they cannot read. */
export function readCaseEvent(event: RecordedEvent): CaseEvent | null {
  const data = event.data as Record<string, unknown>;
  switch (event.type) {
    case 'LicenceApplicationSubmitted': {
      const applicant = data.applicant as Record<string, unknown> | undefined;
      const parties = Array.isArray(data.parties) ? (data.parties as unknown[]) : null;
      if (
        !isText(data.licenceType) ||
        !isText(applicant?.name) ||
        typeof data.valueUsd !== 'number' ||
        !isText(data.submittedAt) ||
        !isText(data.reviewTrack) ||
        parties === null
      ) {
        return null;
      }
      const countries = parties
        .map((party) => (party as Record<string, unknown> | null)?.country)
        .filter(isText)
        .map((country) => country.toUpperCase());
      return {
        type: event.type,
        licenceType: data.licenceType,
        applicantName: applicant.name,
        valueUsd: data.valueUsd,
        submittedAt: data.submittedAt,
        reviewTrack: data.reviewTrack,
        countries: [...new Set(countries)].sort(),
      };
    }
    case 'CaseAssigned':
      return isText(data.officerId) ? { type: event.type, officerId: data.officerId } : null;
    case 'CaseReferred':
      return { type: event.type };
    case 'ReferralAnswered':
      return Array.isArray(data.outstandingReferrals)
        ? { type: event.type, outstandingReferrals: data.outstandingReferrals.filter(isText) }
        : null;
    case 'LicenceApproved':
      return isText(data.validUntil) ? { type: event.type, validUntil: data.validUntil } : null;
    case 'ReviewTrackChanged':
      return isText(data.to) ? { type: event.type, to: data.to } : null;
    case 'DeterminationsRevised':
      // The track stays; the list shows it as the revision recorded it (the determinations are for the case view).
      return isText(data.reviewTrack) ? { type: event.type, reviewTrack: data.reviewTrack } : null;
    case 'LicenceFlaggedForReview':
      // The flag is the fact itself: the reason, trigger and determination are for the case view.
      return { type: event.type };
    default:
      return Object.prototype.hasOwnProperty.call(STATUS_EVENTS, event.type)
        ? {
            type: 'status',
            status: STATUS_EVENTS[event.type as keyof typeof STATUS_EVENTS],
            endsReview: REVIEW_ENDING_EVENTS.has(event.type),
          }
        : null;
  }
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}
