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
import { GroupCommitQueue, type GroupCommitStats, type GroupOutcome } from '../group-commit-queue';

/**
 * Commits a group in one transaction, answering one outcome per request, in order. Throwing means the transaction
 * did not commit (BEGIN, a write or COMMIT failed and it all rolled back): every request of the group rejects with it.
 */
export type CommitGroup<Request, Result> = (requests: readonly Request[]) => GroupOutcome<Result>[];

export class GroupCommit<Request, Result> {
  private readonly queue: GroupCommitQueue<Request, Result>;
  private scheduled: NodeJS.Immediate | null = null;

  /**
   * @param commitGroup runs one group's transaction.
   * @param maxGroupWeight a group's cap: requests join while their summed weight stays within it (a heavier single
   *   request still runs, alone).
   */
  constructor(
    private readonly commitGroup: CommitGroup<Request, Result>,
    maxGroupWeight: number,
  ) {
    this.queue = new GroupCommitQueue(maxGroupWeight);
  }

  /** Queues `request` (of `weight`, e.g. its event count) for the next group; settles once that group committed. */
  submit(request: Request, weight: number): Promise<Result> {
    const settled = this.queue.push(request, weight);
    this.schedule();
    return settled;
  }

  /** Commits everything queued now, group after group (before closing the connection). */
  drain(): void {
    if (this.scheduled !== null) clearImmediate(this.scheduled);
    this.scheduled = null;
    while (!this.queue.isEmpty) this.commitNextGroup();
  }

  stats(): GroupCommitStats {
    return this.queue.stats();
  }

  private schedule(): void {
    this.scheduled ??= setImmediate(() => {
      this.scheduled = null;
      this.commitNextGroup();
      // What did not fit under the cap goes next, after the loop has had a turn for I/O.
      if (!this.queue.isEmpty) this.schedule();
    });
  }

  private commitNextGroup(): void {
    const group = this.queue.take();
    let outcomes: GroupOutcome<Result>[];
    try {
      outcomes = this.commitGroup(group.requests);
    } catch (error) {
      group.failed(error);
      return;
    }
    group.committed(outcomes);
  }
}
