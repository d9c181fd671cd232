import { randomUUID } from 'node:crypto';
import { assertLease, decideClaim } from '../idempotency-claim-rules';
import {
  DEFAULT_IDEMPOTENCY_LEASE_MS,
  type ClaimOutcome,
  type ClaimRequest,
  type IdempotencyClaim,
  type IdempotencyKeyRef,
  type IdempotencyRecord,
  type IdempotencyStore,
  type IdempotencyStoreOptions,
  type StoredResponse,
} from '../idempotency-store.port';

/**
 * An {@link IdempotencyStore} in process memory, for unit tests. Not durable. Each method runs synchronously from
 * its read to its write, so concurrent calls cannot interleave inside one: that is its atomicity.
 */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly records = new Map<string, IdempotencyRecord>();
  private readonly now: () => Date;
  private readonly leaseMs: number;
  private closed = false;
  private logId: string | null = null;

  constructor(options: IdempotencyStoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.leaseMs = assertLease(options.leaseMs ?? DEFAULT_IDEMPOTENCY_LEASE_MS);
  }

  async claim(request: ClaimRequest): Promise<ClaimOutcome> {
    this.assertOpen();
    const id = recordId(request);
    const now = this.now();
    const decision = decideClaim(this.records.get(id), request, now, this.leaseMs);
    if (decision.action === 'answer') return copy(decision.outcome);
    const token = randomUUID();
    this.records.set(id, {
      sub: request.sub,
      scope: request.scope,
      key: request.key,
      fingerprint: request.fingerprint,
      state: 'in-flight',
      claimToken: token,
      claimedAt: now.toISOString(),
      response: null,
      completedAt: null,
    });
    return {
      outcome: 'claimed',
      claim: { sub: request.sub, scope: request.scope, key: request.key, token },
      tookOver: decision.action === 'take-over',
    };
  }

  async complete(claim: IdempotencyClaim, response: StoredResponse): Promise<boolean> {
    this.assertOpen();
    const id = recordId(claim);
    const record = this.heldBy(id, claim);
    if (record === undefined) return false;
    this.records.set(id, { ...record, state: 'completed', response: copy(response), completedAt: this.now().toISOString() });
    return true;
  }

  async release(claim: IdempotencyClaim): Promise<boolean> {
    this.assertOpen();
    const id = recordId(claim);
    if (this.heldBy(id, claim) === undefined) return false;
    this.records.delete(id);
    return true;
  }

  async find(ref: IdempotencyKeyRef): Promise<IdempotencyRecord | undefined> {
    this.assertOpen();
    const record = this.records.get(recordId(ref));
    return record === undefined ? undefined : copy(record);
  }

  async purge(before: Date): Promise<number> {
    this.assertOpen();
    const limit = before.toISOString();
    let removed = 0;
    for (const [id, record] of this.records) {
      const at = record.state === 'completed' ? (record.completedAt ?? record.claimedAt) : record.claimedAt;
      if (at < limit) {
        this.records.delete(id);
        removed += 1;
      }
    }
    return removed;
  }

  async bindToLog(logId: string): Promise<number> {
    this.assertOpen();
    if (this.logId === logId) return 0;
    const forgotten = this.logId === null ? 0 : this.records.size;
    if (this.logId !== null) this.records.clear();
    this.logId = logId;
    return forgotten;
  }

  async forgetAll(): Promise<number> {
    this.assertOpen();
    const forgotten = this.records.size;
    this.records.clear();
    return forgotten;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private heldBy(id: string, claim: IdempotencyClaim): IdempotencyRecord | undefined {
    const record = this.records.get(id);
    return record?.state === 'in-flight' && record.claimToken === claim.token ? record : undefined;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('InMemoryIdempotencyStore is closed');
  }
}

function recordId(ref: IdempotencyKeyRef): string {
  return JSON.stringify([ref.sub, ref.scope, ref.key]);
}

/** Callers get their own objects, as from a database. */
function copy<T>(value: T): T {
  return structuredClone(value);
}
