import type { ClaimOutcome, ClaimRequest, IdempotencyRecord } from './idempotency-store.port';

/**
 * What a claim does given the key's current record, shared by every adapter so they cannot drift apart:
 * `insert` a new claim, `take-over` a stale one, or answer without writing.
 */
export type ClaimDecision =
  | { readonly action: 'insert' }
  | { readonly action: 'take-over'; readonly staleToken: string }
  | { readonly action: 'answer'; readonly outcome: Exclude<ClaimOutcome, { outcome: 'claimed' }> };

export function decideClaim(
  existing: IdempotencyRecord | undefined,
  request: ClaimRequest,
  now: Date,
  leaseMs: number,
): ClaimDecision {
  if (existing === undefined) return { action: 'insert' };
  // A key belongs to the first request it was used with, completed or not: another body is a client bug.
  if (existing.fingerprint !== request.fingerprint) return { action: 'answer', outcome: { outcome: 'fingerprint-mismatch' } };
  if (existing.state === 'completed') {
    if (existing.response === null || existing.completedAt === null) {
      throw new Error(`Idempotency record ${existing.scope} ${existing.key} is completed without a response`);
    }
    return { action: 'answer', outcome: { outcome: 'completed', response: existing.response, completedAt: existing.completedAt } };
  }
  const leaseEnds = Date.parse(existing.claimedAt) + leaseMs;
  const remaining = leaseEnds - now.getTime();
  if (remaining > 0) {
    // Never longer than a lease, even if the clock stepped back since the claim.
    return { action: 'answer', outcome: { outcome: 'in-flight', retryAfterMs: Math.min(remaining, leaseMs) } };
  }
  return { action: 'take-over', staleToken: existing.claimToken };
}

/** Checks the store options once, so a typo cannot disable leases. */
export function assertLease(leaseMs: number): number {
  if (!Number.isSafeInteger(leaseMs) || leaseMs <= 0) throw new RangeError(`leaseMs must be a positive integer, got ${leaseMs}`);
  return leaseMs;
}
