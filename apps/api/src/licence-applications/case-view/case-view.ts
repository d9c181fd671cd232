import type { LicenceCase } from '@app/domain';

/** The case as the API shows it (GET /applications/:id and every command's answer). */
export type CaseView = Omit<LicenceCase, 'applicationId'> & {
  id: string;
  revision: number;
  lastRecordedAt: string;
};

export function caseView(licenceCase: LicenceCase, revision: bigint, lastRecordedAt: string): CaseView {
  const { applicationId, status, reviewTrack, ...rest } = licenceCase;
  return { id: applicationId, status, reviewTrack, ...rest, revision: Number(revision), lastRecordedAt };
}

/** The strong entity tag of a case revision; `If-Match` takes the same value (quoted or not). */
export function etagOf(revision: number | bigint): string {
  return `"${revision.toString()}"`;
}
