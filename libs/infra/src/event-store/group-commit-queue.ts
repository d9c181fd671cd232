/**
 * The queue behind group commit, shared by the synchronous (SQLite) and asynchronous (PostgreSQL) commit loops:
 * requests wait with their weight, a group is the oldest requests whose summed weight fits the cap, and a group's
 * requests settle from the commit's outcomes, in arrival order. The loops differ only in when they commit.
 */

/** What the commit function answers for one request: its result, or the error that refused that request alone. */
export type GroupOutcome<Result> = { readonly ok: true; readonly value: Result } | { readonly ok: false; readonly error: unknown };

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

/** A group taken from the queue: its requests, to commit, and how to settle them afterwards. */
export interface TakenGroup<Request, Result> {
  readonly requests: readonly Request[];
  /** The transaction committed: each request settles with its own outcome. */
  committed(outcomes: readonly GroupOutcome<Result>[]): void;
  /** The transaction did not commit: every request of the group rejects with `error`. */
  failed(error: unknown): void;
}

export class GroupCommitQueue<Request, Result> {
  private queue: Pending<Request, Result>[] = [];
  private groupsCommitted = 0;
  private requestsCommitted = 0;

  /**
   * @param maxGroupWeight a group's cap: requests join while their summed weight stays within it (a heavier single
   *   request still runs, alone).
   */
  constructor(private readonly maxGroupWeight: number) {
    if (!Number.isSafeInteger(maxGroupWeight) || maxGroupWeight < 1) {
      throw new RangeError(`maxGroupWeight must be a positive integer, got ${String(maxGroupWeight)}`);
    }
  }

  get isEmpty(): boolean {
    return this.queue.length === 0;
  }

  /** Queues `request` (of `weight`, e.g. its event count); settles once the group that takes it has committed. */
  push(request: Request, weight: number): Promise<Result> {
    return new Promise<Result>((resolve, reject) => this.queue.push({ request, weight, resolve, reject }));
  }

  /** The oldest requests whose summed weight fits the cap; always at least one (the queue must not be empty). */
  take(): TakenGroup<Request, Result> {
    let count = 0;
    let weight = 0;
    while (count < this.queue.length && (count === 0 || weight + this.queue[count].weight <= this.maxGroupWeight)) {
      weight += this.queue[count].weight;
      count += 1;
    }
    const group = this.queue.splice(0, count);
    return {
      requests: group.map((pending) => pending.request),
      committed: (outcomes) => {
        this.groupsCommitted += 1;
        this.requestsCommitted += group.length;
        group.forEach((pending, index) => {
          const outcome = outcomes[index];
          if (outcome.ok) pending.resolve(outcome.value);
          else pending.reject(outcome.error);
        });
      },
      failed: (error) => {
        for (const pending of group) pending.reject(error);
      },
    };
  }

  stats(): GroupCommitStats {
    return { groupsCommitted: this.groupsCommitted, requestsCommitted: this.requestsCommitted };
  }
}
