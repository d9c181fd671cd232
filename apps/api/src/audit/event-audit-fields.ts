import type { RecordedEvent } from '@app/infra';

/** What an auditor needs of every stored event: what it was, when, by whom, on whose behalf, and its chain hash. */
export interface EventAuditFields {
  type: string;
  recordedAt: string;
  actor: string;
  correlationId: string;
  causationId: string | null;
  hash: string;
}

/** The audit fields of a stored event, as the replay's steps and the dossier's events show them. */
export function eventAuditFields(event: RecordedEvent): EventAuditFields {
  return {
    type: event.type,
    recordedAt: event.recordedAt,
    actor: event.metadata.actor,
    correlationId: event.metadata.correlationId,
    causationId: event.metadata.causationId,
    hash: event.hash,
  };
}
