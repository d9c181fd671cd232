import { licenceApplicationStream } from '@app/domain';
import type { EventStore, RecordedEvent } from '@app/infra';
import { applicationNotFound, isApplicationId } from '../../licence-applications/case-view/load-case';

/** A case's events in revision order; 404 APPLICATION_NOT_FOUND when there is no such case. */
export async function loadCaseEvents(store: EventStore, applicationId: string): Promise<RecordedEvent[]> {
  const events = isApplicationId(applicationId) ? await store.readStream(licenceApplicationStream(applicationId)) : [];
  if (events.length === 0) throw applicationNotFound(applicationId);
  return events;
}
