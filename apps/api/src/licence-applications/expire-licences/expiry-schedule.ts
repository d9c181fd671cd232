/** A licence whose last valid day has passed and that is still approved or suspended. */
export interface DueExpiry {
  readonly applicationId: string;
  readonly validUntil: string;
}

/**
 * The durable schedule of licence expiries: a projection of the approvals (and of the suspensions,
 * revocations and expiries that change them) fed from the global log with a checkpoint, so it survives
 * restarts and can be rebuilt from the events.
 */
export const EXPIRY_SCHEDULE = Symbol('EXPIRY_SCHEDULE');

export interface ExpirySchedule {
  /** Up to `limit` licences with `validUntil < today` still approved or suspended, oldest first. */
  dueExpiries(today: string, limit: number): Promise<readonly DueExpiry[]>;
}
