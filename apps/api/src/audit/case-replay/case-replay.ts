import { LicenceApplication, type LicenceCase } from '@app/domain';
import { toDomainEvent, type RecordedEvent } from '@app/infra';
import { caseView, type CaseView } from '../../licence-applications/case-view/case-view';
import { eventAuditFields, type EventAuditFields } from '../event-audit-fields';

/** One field of the case that an event changed: its value before and after. */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** The case after one event, and what that event changed. */
export interface ReplayStep extends EventAuditFields {
  revision: number;
  position: string;
  eventId: string;
  /** Every field of the case whose value the event changed (status, reviewTrack, determinations, assignee, …). */
  changes: FieldChange[];
  state: CaseView;
}

/** Bookkeeping fields that every event moves; they are in `state`, not repeated in `changes`. */
const BOOKKEEPING = new Set(['lastChangedAt', 'revision', 'lastRecordedAt']);

/**
 * Walks a case event by event through the domain's own aggregate (LicenceApplication and its evolve function), so
 * an event type added to the domain is replayed without any change here. `changes` compares the case's fields
 * before and after each event, generically.
 */
export function replayCase(applicationId: string, events: readonly RecordedEvent[]): ReplayStep[] {
  const aggregate = new LicenceApplication(applicationId);
  let before: LicenceCase | null = null;
  return events.map((event) => {
    aggregate.rehydrate([toDomainEvent(event)], event.revision);
    const after = aggregate.state;
    if (after === null) throw new Error(`${event.type} left case ${applicationId} without state`);
    const state = caseView(after, event.revision, event.recordedAt);
    const step: ReplayStep = {
      revision: Number(event.revision),
      position: event.position,
      eventId: event.id,
      ...eventAuditFields(event),
      changes: fieldChanges(before, after),
      state,
    };
    before = after;
    return step;
  });
}

function fieldChanges(before: LicenceCase | null, after: LicenceCase): FieldChange[] {
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  const changes: FieldChange[] = [];
  for (const field of fields) {
    if (BOOKKEEPING.has(field)) continue;
    const from = before === null ? null : (before as unknown as Record<string, unknown>)[field];
    const to = (after as unknown as Record<string, unknown>)[field];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes.push({ field, from: from ?? null, to: to ?? null });
  }
  return changes;
}
