import { Query } from '@nestjs/cqrs';

export interface HistoryEventView {
  id: string;
  type: string;
  data: unknown;
  revision: number;
  position: string;
  recordedAt: string;
  metadata: { actor: string; correlationId: string; causationId: string | null; schemaVersion: number };
}

export class GetApplicationHistoryQuery extends Query<{ applicationId: string; items: HistoryEventView[] }> {
  constructor(readonly applicationId: string) {
    super();
  }
}
