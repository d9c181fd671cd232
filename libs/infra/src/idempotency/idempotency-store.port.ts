/**
 * The idempotency store: remembers, per caller, route and `Idempotency-Key`, the request a key was first used
 * for and the response it got, so a retried request is answered from here instead of being executed again.
 *
 * A key's life: `claim` it before running the request (the claim is atomic, so of two concurrent requests with
 * one key exactly one runs), then either `complete` it with the response (later claims replay it) or `release`
 * it when the request failed (the key is free again). A claim not completed or released within the lease (a
 * crashed process) may be taken over by a retry.
 */

/** Who used a key, where, and the key itself. Keys are only ever compared within one (sub, scope). */
export interface IdempotencyKeyRef {
  /** The authenticated caller (the token's `sub`). */
  readonly sub: string;
  /** The method and the request path without its query string, e.g. `POST /applications`. */
  readonly scope: string;
  /** The `Idempotency-Key` header, as sent. */
  readonly key: string;
}

/** What a retry is answered with: the first response's status, a few of its headers and its body. */
export interface StoredResponse {
  readonly status: number;
  /** Header name → value; only headers worth replaying (e.g. Location, ETag, Content-Type). */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as JSON text, or `null` when the response had no body. */
  readonly bodyJson: string | null;
}

export type IdempotencyState = 'in-flight' | 'completed';

/** One key's record, as stored. */
export interface IdempotencyRecord extends IdempotencyKeyRef {
  /** Identifies the request the key was first used with (a hash of its canonical body). */
  readonly fingerprint: string;
  readonly state: IdempotencyState;
  /** Identifies the current claim, so a claim that lost its lease cannot complete or release its successor's. */
  readonly claimToken: string;
  /** ISO 8601 UTC. */
  readonly claimedAt: string;
  /** Set once completed. */
  readonly response: StoredResponse | null;
  /** ISO 8601 UTC, set once completed. */
  readonly completedAt: string | null;
}

/** A held claim: pass it back to `complete` or `release`. */
export interface IdempotencyClaim extends IdempotencyKeyRef {
  readonly token: string;
}

export interface ClaimRequest extends IdempotencyKeyRef {
  readonly fingerprint: string;
}

/** The answer to a claim. */
export type ClaimOutcome =
  /** The key is now held by the caller, who runs the request. `tookOver`: a stale claim was taken over. */
  | { readonly outcome: 'claimed'; readonly claim: IdempotencyClaim; readonly tookOver: boolean }
  /** The key completed with the same request: answer with the stored response. */
  | { readonly outcome: 'completed'; readonly response: StoredResponse; readonly completedAt: string }
  /** The key was first used with another request (another fingerprint), whatever its state. */
  | { readonly outcome: 'fingerprint-mismatch' }
  /** Another request holds the key, its lease runs for `retryAfterMs` more. */
  | { readonly outcome: 'in-flight'; readonly retryAfterMs: number };

/** The store. Adapters share one behaviour suite (`testing/idempotency-store.behaviour.ts`). */
export interface IdempotencyStore {
  /**
   * Atomically looks the key up and, when it is unknown or its claim is older than the lease, claims it with
   * the request's fingerprint. A key already used with another fingerprint is never claimed again (until purged).
   */
  claim(request: ClaimRequest): Promise<ClaimOutcome>;

  /**
   * Records the response of a held claim. Returns `false`, storing nothing, when the claim is no longer held
   * (released, or taken over after its lease).
   */
  complete(claim: IdempotencyClaim, response: StoredResponse): Promise<boolean>;

  /** Forgets a held claim so the key can be used again. Returns `false` when the claim is no longer held. */
  release(claim: IdempotencyClaim): Promise<boolean>;

  /** The key's record, if any (for inspection and tests). */
  find(ref: IdempotencyKeyRef): Promise<IdempotencyRecord | undefined>;

  /**
   * Removes completed records whose response was stored before `before`, and claims taken before `before`
   * that were never completed. Returns how many records were removed.
   */
  purge(before: Date): Promise<number>;

  /**
   * Ties the keys to the event log they answered for (`EventStore.logId`). When the store records another log,
   * every key is forgotten: its stored answers name cases and positions of that other log, and replaying one
   * would claim a success the current log never saw. Returns how many keys were forgotten (0 when the log is the
   * one recorded, or none was: the store then records this one).
   */
  bindToLog(logId: string): Promise<number>;

  /** Forgets every key (the log went back to an older copy: stored answers may name lost writes). Returns how many. */
  forgetAll(): Promise<number>;

  /** Releases the store's resources. Idempotent; every other method rejects afterwards. */
  close(): Promise<void>;
}

/** Options shared by the adapters. */
export interface IdempotencyStoreOptions {
  /** The clock of claims, leases and completion times. Default: the system clock. */
  readonly now?: () => Date;
  /** How long a claim blocks other requests with the same key before a retry may take it over. Default 60 s. */
  readonly leaseMs?: number;
}

/** The default lease of a claim. */
export const DEFAULT_IDEMPOTENCY_LEASE_MS = 60_000;
