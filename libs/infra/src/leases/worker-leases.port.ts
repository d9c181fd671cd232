import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * Named leases that let N API processes on one store take turns at a background worker (re-evaluation, licence
 * expiry, the periodic audit seal): at most one instance holds a name at a time, and when the holder dies another
 * takes the name over within the lease's takeover time (docs/decisions/0006-workers-take-turns-through-leases.md).
 *
 * A lease is an optimisation, not the guarantee of exactly-once: for a moment after a takeover the former holder may
 * still be finishing a step, so the workers' writes stay idempotent (deterministic event ids, expected revisions).
 */
export interface WorkerLeases {
  /** Who this instance is in the lease table or the logs (host, process id and a random part). */
  readonly instanceId: string;
  /** How often a holder calls {@link hold} again to keep its leases (well within their expiry). */
  readonly renewEveryMs: number;
  /**
   * Takes the lease if it is free or expired, renews it if this instance holds it. Answers whether this instance
   * holds it now; `false` as well when the lease store cannot be reached (a holder that cannot renew stops working).
   */
  hold(name: string): Promise<boolean>;
  /** Gives the lease up (if this instance holds it), so another instance takes it at its next try. */
  release(name: string): Promise<void>;
  /** Gives up every lease this instance holds. */
  releaseAll(): Promise<void>;
  /** Releases every lease and frees the connection. */
  close(): Promise<void>;
}

/** A fresh instance id: readable in a log line, unique even for two instances in one process. */
export function newLeaseInstanceId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}
