/**
 * Group commit: requests that arrive close together are committed by one transaction, so they share one fsync.
 *
 * The first request queued schedules a flush with `setImmediate`; every request queued before it runs (in the same
 * turn of the event loop, or while the previous group's synchronous commit blocked the loop) joins that group. The
 * commit function rules on each request by itself and answers an outcome per request; a group stays under a weight
 * cap (events, for SQLite) and the rest waits for the next flush. Promises settle only after the commit function
 * returned, in arrival order.
 *
 * It is hand-written rather than taken from a library because it is a few lines around a synchronous driver, and the
 * guarantees that matter (settle only after COMMIT, per-request outcomes) live in the commit function.
 */

/** What the commit function answers for one request: its result, or the error that refused that request alone. */
export type GroupOutcome<Result> = { readonly ok: true; readonly value: Result } | { readonly ok: false; readonly error: unknown };

/**
 * Commits a group in one transaction, answering one outcome per request, in order. Throwing means the transaction
 * did not commit (BEGIN, a write or COMMIT failed and it all rolled back): every request of the group rejects with it.
 */
export type CommitGroup<Request, Result> = (requests: readonly Request[]) => GroupOutcome<Result>[];

/** Counters since the queue was created: groups committed and requests they answered (written or rejected alone). */
export interface GroupCommitStats {
  readonly groupsCommitted: number;
  readonly requestsCommitted: number;
}

interface Pending<Request, Result> {
  readonly request: Request;
  readonly weight: number;
  readonly resolve: (result: Result) => void;
  readonly reject: (error: unknown) => void;
}

export class GroupCommit<Request, Result> {
  private queue: Pending<Request, Result>[] = [];
  private scheduled: NodeJS.Immediate | null = null;
  private groupsCommitted = 0;
  private requestsCommitted = 0;

  /**
   * @param commitGroup runs one group's transaction.
   * @param maxGroupWeight a group's cap: requests join while their summed weight stays within it (a heavier single
   *   request still runs, alone).
   */
  constructor(
    private readonly commitGroup: CommitGroup<Request, Result>,
    private readonly maxGroupWeight: number,
  ) {
    if (!Number.isSafeInteger(maxGroupWeight) || maxGroupWeight < 1) {
      throw new RangeError(`maxGroupWeight must be a positive integer, got ${String(maxGroupWeight)}`);
    }
  }

  /** Queues `request` (of `weight`, e.g. its event count) for the next group; settles once that group committed. */
  submit(request: Request, weight: number): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ request, weight, resolve, reject });
      this.schedule();
    });
  }

  /** Commits everything queued now, group after group (before closing the connection). */
  drain(): void {
    if (this.scheduled !== null) clearImmediate(this.scheduled);
    this.scheduled = null;
    while (this.queue.length > 0) this.commitNextGroup();
  }

  stats(): GroupCommitStats {
    return { groupsCommitted: this.groupsCommitted, requestsCommitted: this.requestsCommitted };
  }

  private schedule(): void {
    this.scheduled ??= setImmediate(() => {
      this.scheduled = null;
      this.commitNextGroup();
      // What did not fit under the cap goes next, after the loop has had a turn for I/O.
      if (this.queue.length > 0) this.schedule();
    });
  }

  private commitNextGroup(): void {
    const group = this.takeGroup();
    let outcomes: GroupOutcome<Result>[];
    try {
      outcomes = this.commitGroup(group.map((pending) => pending.request));
    } catch (error) {
      for (const pending of group) pending.reject(error);
      return;
    }
    this.groupsCommitted += 1;
    this.requestsCommitted += group.length;
    group.forEach((pending, index) => {
      const outcome = outcomes[index];
      if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.error);
    });
  }

  /** The oldest requests whose summed weight fits the cap; always at least one. */
  private takeGroup(): Pending<Request, Result>[] {
    let count = 0;
    let weight = 0;
    while (count < this.queue.length && (count === 0 || weight + this.queue[count].weight <= this.maxGroupWeight)) {
      weight += this.queue[count].weight;
      count += 1;
    }
    return this.queue.splice(0, count);
  }
}
