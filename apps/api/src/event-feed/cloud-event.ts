import type { RecordedEvent } from '@app/infra';

/**
 * The wire format of every public event, pulled, streamed or pushed: a CloudEvents 1.0 structured-mode JSON
 * envelope. Extension attribute names are lower-case alphanumerics, as CloudEvents 1.0 requires.
 */
export interface CloudEvent {
  readonly specversion: '1.0';
  /** The event id (unique in the log; redeliveries carry the same id). */
  readonly id: string;
  readonly source: string;
  readonly type: string;
  /** The stream the event belongs to: `LicenceApplication-<id>`, `CountryPolicy-<CC>` or `Reevaluation-<id>`. */
  readonly subject: string;
  /** When the event was recorded (ISO 8601 UTC). */
  readonly time: string;
  readonly datacontenttype: 'application/json';
  readonly dataschema: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** The global position: the checkpoint a consumer keeps and passes back as `after` or Last-Event-ID. */
  readonly position: string;
  /** The additive revision of the type's payload (the registry's schema version). */
  readonly dataversion: number;
  readonly correlationid: string;
  /** Absent when the event had no cause recorded. */
  readonly causationid?: string;
  /** Who recorded it: a user's `sub` or a system actor (`system:…`). */
  readonly actor: string;
}

/** The envelope of a public event; `baseUrl` is the API's public base URL. */
export function toCloudEvent(event: RecordedEvent, baseUrl: string): CloudEvent {
  return {
    specversion: '1.0',
    id: event.id,
    source: `${baseUrl}/events`,
    type: event.type,
    subject: event.streamName,
    time: event.recordedAt,
    datacontenttype: 'application/json',
    dataschema: schemaUrl(baseUrl, event.type),
    data: event.data,
    position: event.position,
    dataversion: event.metadata.schemaVersion,
    correlationid: event.metadata.correlationId,
    ...(event.metadata.causationId !== null ? { causationid: event.metadata.causationId } : {}),
    actor: event.metadata.actor,
  };
}

export function schemaUrl(baseUrl: string, type: string): string {
  return `${baseUrl}/schemas/${encodeURIComponent(type)}`;
}
