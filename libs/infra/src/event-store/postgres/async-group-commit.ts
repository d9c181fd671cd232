import type { GroupCommitStats, GroupOutcome } from '../sqlite/group-commit';

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

interface Pending<Request, Result> {
  readonly request: Request;
  readonly weight: number;
  readonly resolve: (result: Result) => void;
  readonly reject: (error: unknown) => void;
}

export class AsyncGroupCommit<Request, Result> {
  private queue: Pending<Request, Result>[] = [];
  private scheduled: NodeJS.Immediate | null = null;
  /** The loop committing groups, while one runs. */
  private running: Promise<void> | null = null;
  private groupsCommitted = 0;
  private requestsCommitted = 0;

  /**
   * @param commitGroup runs one group's transaction.
   * @param maxGroupWeight a group's cap: requests join while their summed weight stays within it (a heavier single
   *   request still runs, alone).
   */
  constructor(
    private readonly commitGroup: AsyncCommitGroup<Request, Result>,
    private readonly maxGroupWeight: number,
  ) {
    if (!Number.isSafeInteger(maxGroupWeight) || maxGroupWeight < 1) {
      throw new RangeError(`maxGroupWeight must be a positive integer, got ${String(maxGroupWeight)}`);
    }
  }

  /** Queues `request` (of `weight`, e.g. its event count); settles once the group it joined has committed. */
  submit(request: Request, weight: number): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ request, weight, resolve, reject });
      if (this.running === null) this.schedule();
    });
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
    return { groupsCommitted: this.groupsCommitted, requestsCommitted: this.requestsCommitted };
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
      if (this.queue.length > 0) this.schedule();
    });
  }

  /** Commits groups until nothing is queued; requests queued meanwhile form the next group. */
  private async commitQueued(): Promise<void> {
    while (this.queue.length > 0) {
      const group = this.takeGroup();
      let outcomes: GroupOutcome<Result>[];
      try {
        outcomes = await this.commitGroup(group.map((pending) => pending.request));
      } catch (error) {
        for (const pending of group) pending.reject(error);
        continue;
      }
      this.groupsCommitted += 1;
      this.requestsCommitted += group.length;
      group.forEach((pending, index) => {
        const outcome = outcomes[index];
        if (outcome.ok) pending.resolve(outcome.value);
        else pending.reject(outcome.error);
      });
    }
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
