import type { LicenceApplicationEvent } from './licence-application.events';

/** Every type of {@link LicenceApplicationEvent}; the compiler refuses the record when a type is added or renamed. */
const TYPES: Record<LicenceApplicationEvent['type'], true> = {
  LicenceApplicationSubmitted: true,
  ReviewTrackChanged: true,
  DeterminationsRevised: true,
  LicenceFlaggedForReview: true,
  CaseAssigned: true,
  CaseReferred: true,
  ReferralAnswered: true,
  LicenceApproved: true,
  LicenceDenied: true,
  ApplicationReturnedWithoutAction: true,
  ApplicationWithdrawn: true,
  LicenceSuspended: true,
  LicenceRevoked: true,
  LicenceExpired: true,
};

/** The event types a case's stream holds, for readers that take them from the log. */
export const LICENCE_APPLICATION_EVENT_TYPES: ReadonlySet<LicenceApplicationEvent['type']> = new Set(
  Object.keys(TYPES) as Array<LicenceApplicationEvent['type']>,
);
