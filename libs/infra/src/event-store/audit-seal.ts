import { createHash } from 'node:crypto';
import { GENESIS_HASH } from './event-hash';

/**
 * Global seals: what they commit to and how the running log hash is folded. Shared by the sealer, the verifier and
 * the SQLite migration that hashes a log written before the chain existed. See docs/audit.md.
 *
 * Seals are internal: their category is not a public event type (the event-type registry does not list it), the
 * read models never subscribe to it, and the public feed must leave it out.
 */

/** The one stream of seals; its category, `AuditSeal`, is read by nothing but the audit code. */
export const AUDIT_SEAL_STREAM = 'AuditSeal-log';
export const AUDIT_SEAL_CATEGORY = 'AuditSeal';
export const AUDIT_LOG_SEALED = 'AuditLogSealed';
/** The system actor recorded on every seal. */
export const AUDIT_SEAL_ACTOR = 'system:audit-seal';

/** Why a seal was appended. `migration`: the log was written before per-event hashes and was hashed once. */
export type SealReason = 'periodic' | 'on-demand' | 'migration';

/** The payload of an `AuditLogSealed` event. */
export interface AuditSealData {
  /** The position of the last event the seal covers (the cut). */
  readonly sealedUpTo: string;
  /** The id of that event: finds the cut again even if positions were renumbered. */
  readonly sealedUpToEventId: string;
  /** How many events of the log, in position order, up to and including the cut (earlier seals included). */
  readonly eventCount: number;
  /** The running log hash after the cut's event (see {@link nextLogHash}). */
  readonly logHash: string;
  readonly reason: SealReason;
  readonly sealedAt: string;
  /** The user who asked for an on-demand seal; null for periodic and migration seals. */
  readonly requestedBy: string | null;
  /** Migration seals only: how many events the migration hashed (they carry no proof from before it). */
  readonly migratedEvents?: number;
}

/** The running log hash before the first event. */
export const GENESIS_LOG_HASH = GENESIS_HASH;

/** Folds one event's hash into the running log hash: `sha256(previous ‖ eventHash)`, hex. */
export function nextLogHash(previous: string, eventHash: string): string {
  return createHash('sha256').update(previous).update(eventHash).digest('hex');
}

/** Reads a seal's payload, or null if the event is not a well-formed seal (a forged or damaged one). */
export function sealDataOf(event: { readonly type: string; readonly data: Readonly<Record<string, unknown>> }): AuditSealData | null {
  if (event.type !== AUDIT_LOG_SEALED) return null;
  const data = event.data;
  const wellFormed =
    typeof data.sealedUpTo === 'string' &&
    typeof data.sealedUpToEventId === 'string' &&
    typeof data.eventCount === 'number' &&
    typeof data.logHash === 'string';
  return wellFormed ? (data as unknown as AuditSealData) : null;
}

/** A head or an older point of the log, as published: `<logHash>@<position>`. */
export interface Anchor {
  readonly position: string;
  readonly hash: string;
}

export function formatAnchor(anchor: Anchor): string {
  return `${anchor.hash}@${anchor.position}`;
}

/** Parses `<64 hex>@<position>`; null when malformed (the caller checks the position against its store). */
export function parseAnchor(text: string): Anchor | null {
  const match = /^([0-9a-f]{64})@(\S+)$/.exec(text.trim());
  return match === null ? null : { hash: match[1], position: match[2] };
}
