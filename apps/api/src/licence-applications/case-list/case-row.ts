import {
  evolveCaseSummary,
  LICENCE_APPLICATION_EVENT_TYPES,
  openCaseSummary,
  type CaseSummary,
  type LicenceApplicationEvent,
} from '@app/domain';
import { asDomainEvent, type RecordedEvent } from '@app/infra';

/**
 * One case as the list shows it: a row of `case_list` (its countries are in `case_countries`). Its status, track,
 * assignee, review flag and validity are the domain's {@link CaseSummary}, folded by the domain's own transition.
 */
export interface CaseRow extends CaseSummary {
  readonly applicationId: string;
  readonly licenceType: string;
  readonly applicantName: string;
  readonly valueUsd: number;
  readonly submittedAt: string;
  /** `recordedAt` of the case's last event. */
  readonly lastChangedAt: string;
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

const caseEvent = (recorded: RecordedEvent) => asDomainEvent<LicenceApplicationEvent>(recorded, LICENCE_APPLICATION_EVENT_TYPES);

/**
 * Folds one event of a case's stream into its row: pure functions, so replaying the log rebuilds the same rows.
 *
 * `openCase` answers the case a submission opens; any other event before the case exists changes nothing
 * (`null`). `evolveCaseRow` folds the events after it: every event moves the revision, position and
 * `lastChangedAt` (so `revision` always matches the case's ETag), even one whose type the read models do not
 * know; the known types change the summary as they change the case. A second submission only moves the revision.
 */
export function openCase(applicationId: string, recorded: RecordedEvent): OpenedCase | null {
  const event = caseEvent(recorded);
  if (event?.type !== 'LicenceApplicationSubmitted') return null;
  const { licenceType, applicant, valueUsd, submittedAt, parties } = event.data;
  return {
    row: {
      applicationId,
      ...openCaseSummary(event),
      licenceType,
      applicantName: applicant.name,
      valueUsd,
      submittedAt,
      lastChangedAt: recorded.recordedAt,
      lastRevision: Number(recorded.revision),
      lastPosition: recorded.position,
    },
    countries: [...new Set(parties.map((party) => party.country))].sort(),
  };
}

/** See {@link openCase}. */
export function evolveCaseRow(before: CaseRow, recorded: RecordedEvent): CaseRow {
  const event = caseEvent(recorded);
  const summary = event === null || event.type === 'LicenceApplicationSubmitted' ? before : evolveCaseSummary(before, event);
  return {
    ...before,
    ...summary,
    lastChangedAt: recorded.recordedAt,
    lastRevision: Number(recorded.revision),
    lastPosition: recorded.position,
  };
}
