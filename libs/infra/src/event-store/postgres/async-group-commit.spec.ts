import type { GroupOutcome } from '../group-commit-queue';
import { AsyncGroupCommit } from './async-group-commit';

/** The queue alone, with a commit function that records its groups and answers when the test says so. */
describe('AsyncGroupCommit', () => {
  /** A commit function whose transactions stay "in flight" until released. */
  function controlledCommit() {
    const groups: number[][] = [];
    const pending: Array<() => void> = [];
    const commit = (requests: readonly number[]): Promise<GroupOutcome<number>[]> => {
      groups.push([...requests]);
      return new Promise((resolve) => {
        pending.push(() => resolve(requests.map((n) => ({ ok: true, value: n * 10 }))));
      });
    };
    const releaseNext = async () => {
      await waitUntil(() => pending.length > 0);
      pending.shift()!();
    };
    return { groups, commit, releaseNext };
  }

  async function waitUntil(condition: () => boolean): Promise<void> {
    while (!condition()) await new Promise((resolve) => setImmediate(resolve));
  }

  it('commits requests of one turn together, and those queued while it is in flight as the next group', async () => {
    const { groups, commit, releaseNext } = controlledCommit();
    const queue = new AsyncGroupCommit(commit, 100);
    const first = [1, 2, 3].map((n) => queue.submit(n, 1));
    await waitUntil(() => groups.length === 1);
    const second = [4, 5].map((n) => queue.submit(n, 1));
    await releaseNext();
    await releaseNext();
    expect(await Promise.all([...first, ...second])).toEqual([10, 20, 30, 40, 50]);
    expect(groups).toEqual([[1, 2, 3], [4, 5]]);
    expect(queue.stats()).toEqual({ groupsCommitted: 2, requestsCommitted: 5 });
  });

  it('settles each request with its own outcome, and rejects a whole group whose commit throws', async () => {
    let fail = false;
    const queue = new AsyncGroupCommit(async (requests: readonly number[]) => {
      if (fail) throw new Error('rolled back');
      return requests.map(
        (n): GroupOutcome<number> => (n < 0 ? { ok: false, error: new Error(`refused ${n}`) } : { ok: true, value: n }),
      );
    }, 100);
    const outcomes = await Promise.allSettled([queue.submit(1, 1), queue.submit(-1, 1), queue.submit(2, 1)]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    fail = true;
    const failed = await Promise.allSettled([queue.submit(3, 1), queue.submit(4, 1)]);
    const reasons = failed.map((outcome) => (outcome as PromiseRejectedResult).reason as Error);
    expect(reasons.map((reason) => reason.message)).toEqual(['rolled back', 'rolled back']);
    expect(queue.stats()).toEqual({ groupsCommitted: 1, requestsCommitted: 3 });
  });

  it('never strands a request submitted by a continuation of the last group', async () => {
    const groups: number[][] = [];
    const queue = new AsyncGroupCommit(async (requests: readonly number[]) => {
      groups.push([...requests]);
      return requests.map((n): GroupOutcome<number> => ({ ok: true, value: n }));
    }, 100);
    // The follow-up is submitted while the first group's promises settle, as the loop is finishing.
    const followUp = queue.submit(1, 1).then(() => queue.submit(2, 1));
    await expect(followUp).resolves.toBe(2);
    expect(groups).toEqual([[1], [2]]);
  });

  it('caps a group by weight, and drains everything queued', async () => {
    const { groups, commit, releaseNext } = controlledCommit();
    const queue = new AsyncGroupCommit(commit, 3);
    const all = [queue.submit(1, 2), queue.submit(2, 2), queue.submit(3, 5), queue.submit(4, 1)];
    const drained = queue.drain();
    // 2 + 2 and 2 + 5 exceed 3; 5 alone exceeds it but runs; then 1.
    for (let i = 0; i < 4; i++) await releaseNext();
    await drained;
    expect(groups).toEqual([[1], [2], [3], [4]]);
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40]);
  });
});
