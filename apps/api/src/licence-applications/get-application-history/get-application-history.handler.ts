import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { licenceApplicationStream } from '@app/domain';
import type { EventStore } from '@app/infra';
import { EVENT_STORE } from '../../shared/event-store/event-store.providers';
import { applicationNotFound, isApplicationId } from '../case-view/load-case';
import { GetApplicationHistoryQuery, type HistoryEventView } from './get-application-history.query';

@QueryHandler(GetApplicationHistoryQuery)
export class GetApplicationHistoryHandler implements IQueryHandler<GetApplicationHistoryQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ applicationId }: GetApplicationHistoryQuery) {
    const events = isApplicationId(applicationId)
      ? await this.store.readStream(licenceApplicationStream(applicationId))
      : [];
    if (events.length === 0) throw applicationNotFound(applicationId);
    const items: HistoryEventView[] = events.map((event) => ({
      id: event.id,
      type: event.type,
      data: event.data,
      revision: Number(event.revision),
      position: event.position,
      recordedAt: event.recordedAt,
      metadata: { ...event.metadata },
    }));
    return { applicationId, items };
  }
}
