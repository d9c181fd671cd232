import { GroupCommitQueue, type GroupCommitStats, type GroupOutcome } from '../group-commit-queue';

/**
 * Group commit for an asynchronous driver: appends that arrive while a transaction is in flight wait, and the next
 * transaction takes all of them at once (up to a weight cap), so under load one commit answers many appends.
 *
 * The SQLite queue (sqlite/group-commit.ts) has the same contract but a synchronous commit function; here a
 * transaction takes round trips, so at most one runs at a time per store, and the queue fills meanwhile. The first
 * request after a quiet spell waits for `setImmediate`, so requests issued in one turn of the event loop share a
 * transaction too. The commit function rules on each request by itself (an outcome per request); if it throws, the
 * transaction did not commit and every request of that group rejects with the error. Requests settle only after
 * COMMIT returned, in arrival order.
 */
export type AsyncCommitGroup<Request, Result> = (requests: readonly Request[]) => Promise<GroupOutcome<Result>[]>;

export class AsyncGroupCommit<Request, Result> {
  private readonly queue: GroupCommitQueue<Request, Result>;
  private scheduled: NodeJS.Immediate | null = null;
  /** The loop committing groups, while one runs. */
  private running: Promise<void> | null = null;

  /**
   * @param commitGroup runs one group's transaction.
   * @param maxGroupWeight a group's cap: requests join while their summed weight stays within it (a heavier single
   *   request still runs, alone).
   */
  constructor(
    private readonly commitGroup: AsyncCommitGroup<Request, Result>,
    maxGroupWeight: number,
  ) {
    this.queue = new GroupCommitQueue(maxGroupWeight);
  }

  /** Queues `request` (of `weight`, e.g. its event count); settles once the group it joined has committed. */
  submit(request: Request, weight: number): Promise<Result> {
    const settled = this.queue.push(request, weight);
    if (this.running === null) this.schedule();
    return settled;
  }

  /** Commits everything queued now, group after group, and resolves when the queue is empty (before closing). */
  async drain(): Promise<void> {
    for (;;) {
      if (this.scheduled !== null) this.start();
      if (this.running === null) return;
      await this.running;
    }
  }

  stats(): GroupCommitStats {
    return this.queue.stats();
  }

  private schedule(): void {
    this.scheduled ??= setImmediate(() => this.start());
  }

  private start(): void {
    if (this.scheduled !== null) clearImmediate(this.scheduled);
    this.scheduled = null;
    if (this.running !== null) return;
    this.running = this.commitQueued().finally(() => {
      this.running = null;
      // A request queued by a continuation after the loop saw an empty queue, but before this ran, starts here.
      if (!this.queue.isEmpty) this.schedule();
    });
  }

  /** Commits groups until nothing is queued; requests queued meanwhile form the next group. */
  private async commitQueued(): Promise<void> {
    while (!this.queue.isEmpty) {
      const group = this.queue.take();
      let outcomes: GroupOutcome<Result>[];
      try {
        outcomes = await this.commitGroup(group.requests);
      } catch (error) {
        group.failed(error);
        continue;
      }
      group.committed(outcomes);
    }
  }
}
