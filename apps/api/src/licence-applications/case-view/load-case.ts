import { LicenceApplication, licenceApplicationStream, type LicenceCase } from '@app/domain';
import type { AggregateRepository } from '@app/infra';
import { Problems } from '../../shared/http/problem';
import { caseView, type CaseView } from './case-view';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isApplicationId(id: string): boolean {
  return UUID.test(id);
}

/** 404 APPLICATION_NOT_FOUND: no such case (or none yet at `recordedUntil`). */
export function applicationNotFound(applicationId: string, recordedUntil?: string) {
  return Problems.notFound('APPLICATION_NOT_FOUND', `No application ${applicationId}${recordedUntil ? ` as of ${recordedUntil}` : ''}`);
}

/** Loads a case's view, optionally as recorded at an instant; 404 problem when there is none. */
export async function loadCaseView(
  repository: AggregateRepository,
  applicationId: string,
  recordedUntil?: string,
): Promise<CaseView> {
  const notFound = applicationNotFound(applicationId, recordedUntil);
  if (!isApplicationId(applicationId)) throw notFound;
  const { aggregate, events } = await repository.load(
    licenceApplicationStream(applicationId),
    () => new LicenceApplication(applicationId),
    recordedUntil ? { recordedUntil } : {},
  );
  const state: LicenceCase | null = aggregate.state;
  const last = events.at(-1);
  if (state === null || last === undefined) throw notFound;
  return caseView(state, last.revision, last.recordedAt);
}
