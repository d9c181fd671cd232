import { randomUUID } from 'node:crypto';
import {
  AUDIT_LOG_SEALED,
  AUDIT_SEAL_ACTOR,
  AUDIT_SEAL_STREAM,
  type AuditSealData,
  type SealReason,
} from '../event-store/audit-seal';
import { WrongExpectedVersionError } from '../event-store/event-store.errors';
import type { EventStore } from '../event-store/event-store.port';
import { readLogHead } from './log-head';

export interface SealRequest {
  readonly reason: Exclude<SealReason, 'migration'>;
  readonly requestedBy: string | null;
  readonly correlationId: string;
  readonly now: () => Date;
  readonly newId?: () => string;
}

export interface SealOutcome {
  /** False when nothing but seals was appended since the last seal: that seal still stands. */
  readonly appended: boolean;
  readonly position: string | null;
  readonly seal: AuditSealData | null;
}

const ATTEMPTS = 3;

/**
 * Appends a seal committing to the log up to its current head, by the system actor, to the seal stream only.
 * A plain append: no second write in any command's transaction. Two sealers racing: the loser reads again.
 */
export async function appendSeal(store: EventStore, request: SealRequest): Promise<SealOutcome> {
  for (let attempt = 1; ; attempt++) {
    const head = await readLogHead(store);
    if (head.lastUnsealed === null || head.last === null) {
      return { appended: false, position: head.lastSeal?.position ?? null, seal: head.lastSeal?.data ?? null };
    }
    const seal: AuditSealData = {
      sealedUpTo: head.last.position,
      sealedUpToEventId: head.last.id,
      eventCount: head.eventCount,
      logHash: head.hash,
      reason: request.reason,
      sealedAt: request.now().toISOString(),
      requestedBy: request.requestedBy,
    };
    try {
      const result = await store.appendToStream(
        AUDIT_SEAL_STREAM,
        [
          {
            id: (request.newId ?? randomUUID)(),
            type: AUDIT_LOG_SEALED,
            data: { ...seal },
            metadata: { actor: AUDIT_SEAL_ACTOR, correlationId: request.correlationId, causationId: null, schemaVersion: 1 },
          },
        ],
        { expectedRevision: head.lastSeal?.revision ?? 'no-stream' },
      );
      return { appended: true, position: result.position, seal };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) || attempt >= ATTEMPTS) throw error;
    }
  }
}
