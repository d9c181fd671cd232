import type { RecordedEvent } from '@app/infra';
import { readCaseEvent } from './case-events';

/** One case as the list shows it: a row of `case_list` (its countries are in `case_countries`). */
export interface CaseRow {
  readonly applicationId: string;
  readonly status: string;
  readonly reviewTrack: string;
  readonly assignee: string | null;
  readonly licenceType: string;
  readonly applicantName: string;
  readonly valueUsd: number;
  readonly submittedAt: string;
  /** `recordedAt` of the case's last event. */
  readonly lastChangedAt: string;
  /** The last day of an approved licence; null before approval. */
  readonly validUntil: string | null;
  /**
   * A §126.1 tightening flagged the licence for a supervisor's §126.7 review, and it has been neither suspended
   * nor revoked since (the case aggregate's `flaggedForReview`).
   */
  readonly flaggedForReview: boolean;
  /** The revision of the case's last event: the case's ETag. */
  readonly lastRevision: number;
  readonly lastPosition: string;
}

/** A case as its submission opens it: its first row and its distinct party countries, sorted. */
export interface OpenedCase {
  readonly row: CaseRow;
  /** They never change: a change of destination is a new application. */
  readonly countries: readonly string[];
}

/**
 * Folds one event of a case's stream into its row: pure functions, so replaying the log rebuilds the same rows.
 *
 * `openCase` answers the case a submission opens; any other event before the case exists changes nothing
 * (`null`). `evolveCaseRow` folds the events after it: every event moves the revision, position and
 * `lastChangedAt` (so `revision` always matches the case's ETag), even one whose type the read models do not
 * know; only the known types change other columns. A second submission only moves the revision.
 */
export function openCase(applicationId: string, event: RecordedEvent): OpenedCase | null {
  const change = readCaseEvent(event);
  if (change?.type !== 'LicenceApplicationSubmitted') return null;
  return {
    row: {
      applicationId,
      status: 'submitted',
      reviewTrack: change.reviewTrack,
      assignee: null,
      licenceType: change.licenceType,
      applicantName: change.applicantName,
      valueUsd: change.valueUsd,
      submittedAt: change.submittedAt,
      lastChangedAt: event.recordedAt,
      validUntil: null,
      flaggedForReview: false,
      lastRevision: Number(event.revision),
      lastPosition: event.position,
    },
    countries: change.countries,
  };
}

/** See {@link openCase}. */
export function evolveCaseRow(before: CaseRow, event: RecordedEvent): CaseRow {
  const change = readCaseEvent(event);
  const moved: CaseRow = {
    ...before,
    lastChangedAt: event.recordedAt,
    lastRevision: Number(event.revision),
    lastPosition: event.position,
  };
  switch (change?.type) {
    case 'CaseAssigned':
      return { ...moved, assignee: change.officerId, status: before.status === 'submitted' ? 'under-review' : before.status };
    case 'CaseReferred':
      return { ...moved, status: 'referred' };
    case 'ReferralAnswered':
      return change.outstandingReferrals.length === 0 ? { ...moved, status: 'under-review' } : moved;
    case 'LicenceApproved':
      return { ...moved, status: 'approved', validUntil: change.validUntil };
    case 'ReviewTrackChanged':
      return { ...moved, reviewTrack: change.to };
    case 'DeterminationsRevised':
      return { ...moved, reviewTrack: change.reviewTrack };
    case 'LicenceFlaggedForReview':
      return { ...moved, flaggedForReview: true };
    case 'status':
      return { ...moved, status: change.status, flaggedForReview: change.endsReview ? false : before.flaggedForReview };
    default:
      return moved;
  }
}
