import type {
  ClaimOutcome,
  ClaimRequest,
  IdempotencyClaim,
  IdempotencyStore,
  StoredResponse,
} from '../idempotency-store.port';

/**
 * The behaviour every {@link IdempotencyStore} adapter shares. Test-only: registers Jest blocks, so it is not
 * exported from the library.
 */

/** What the suite hands the factory: the clock the store must use, and its lease. */
export interface IdempotencyStoreContext {
  readonly now: () => Date;
  readonly leaseMs: number;
}

export interface IdempotencyStoreSubject {
  readonly store: IdempotencyStore;
  /** Opens a new store over the same data (the suite closes the previous one first). Durable adapters only. */
  readonly reopen?: () => Promise<IdempotencyStore>;
  /** Releases every store opened and any temp files. */
  readonly dispose: () => Promise<void>;
}

export type IdempotencyStoreFactory = (context: IdempotencyStoreContext) => Promise<IdempotencyStoreSubject>;

const LEASE_MS = 60_000;
const START = '2025-11-10T12:00:00.000Z';

class Clock {
  private current = Date.parse(START);
  readonly now = (): Date => new Date(this.current);
  advance(milliseconds: number): void {
    this.current += milliseconds;
  }
  iso(): string {
    return new Date(this.current).toISOString();
  }
}

const request = (overrides: Partial<ClaimRequest> = {}): ClaimRequest => ({
  sub: 'clerk-7',
  scope: 'POST /applications',
  key: 'key-1',
  fingerprint: 'fingerprint-a',
  ...overrides,
});

const created: StoredResponse = {
  status: 201,
  headers: { Location: '/applications/1', ETag: '"0"' },
  bodyJson: JSON.stringify({ id: '1', parties: [{ country: 'KH' }] }),
};

function claimed(outcome: ClaimOutcome): IdempotencyClaim {
  if (outcome.outcome !== 'claimed') throw new Error(`Expected a claim, got ${JSON.stringify(outcome)}`);
  return outcome.claim;
}

export function describeIdempotencyStoreBehaviour(
  name: string,
  factory: IdempotencyStoreFactory,
  capabilities: { readonly durable?: boolean } = {},
): void {
  describe(`${name} behaves as an IdempotencyStore`, () => {
    let clock: Clock;
    let subject: IdempotencyStoreSubject;
    let store: IdempotencyStore;

    beforeEach(async () => {
      clock = new Clock();
      subject = await factory({ now: clock.now, leaseMs: LEASE_MS });
      store = subject.store;
    });
    afterEach(async () => {
      await subject.dispose();
    });

    describe('claim', () => {
      it('claims an unknown key and records it in flight with its fingerprint', async () => {
        const outcome = await store.claim(request());
        expect(outcome).toEqual({
          outcome: 'claimed',
          claim: { sub: 'clerk-7', scope: 'POST /applications', key: 'key-1', token: expect.any(String) },
          tookOver: false,
        });
        expect(await store.find(request())).toEqual({
          sub: 'clerk-7',
          scope: 'POST /applications',
          key: 'key-1',
          fingerprint: 'fingerprint-a',
          state: 'in-flight',
          claimToken: claimed(outcome).token,
          claimedAt: START,
          response: null,
          completedAt: null,
        });
      });

      it('lets exactly one of many concurrent claims on one key win', async () => {
        const outcomes = await Promise.all(Array.from({ length: 10 }, () => store.claim(request())));
        expect(outcomes.filter((o) => o.outcome === 'claimed')).toHaveLength(1);
        expect(outcomes.filter((o) => o.outcome === 'in-flight')).toHaveLength(9);
      });

      it('answers in-flight, with the rest of the lease, while the claim is held', async () => {
        await store.claim(request());
        clock.advance(15_000);
        expect(await store.claim(request())).toEqual({ outcome: 'in-flight', retryAfterMs: 45_000 });
        clock.advance(44_999);
        expect(await store.claim(request())).toEqual({ outcome: 'in-flight', retryAfterMs: 1 });
      });

      it('refuses another request (another fingerprint) on a key in flight', async () => {
        await store.claim(request());
        expect(await store.claim(request({ fingerprint: 'fingerprint-b' }))).toEqual({ outcome: 'fingerprint-mismatch' });
      });
    });

    describe('complete and replay', () => {
      it('answers the stored response to a retry with the same fingerprint', async () => {
        const claim = claimed(await store.claim(request()));
        clock.advance(250);
        expect(await store.complete(claim, created)).toBe(true);

        clock.advance(10_000);
        expect(await store.claim(request())).toEqual({ outcome: 'completed', response: created, completedAt: '2025-11-10T12:00:00.250Z' });
        // Still completed long after the lease: a completed key is never re-run.
        clock.advance(10 * LEASE_MS);
        expect((await store.claim(request())).outcome).toBe('completed');
        expect(await store.find(request())).toMatchObject({ state: 'completed', response: created, completedAt: '2025-11-10T12:00:00.250Z' });
      });

      it('keeps a response without a body, and headers as given', async () => {
        const claim = claimed(await store.claim(request()));
        const noBody: StoredResponse = { status: 204, headers: {}, bodyJson: null };
        await store.complete(claim, noBody);
        expect(await store.claim(request())).toMatchObject({ outcome: 'completed', response: noBody });
      });

      it('refuses a retry with another fingerprint once completed', async () => {
        await store.complete(claimed(await store.claim(request())), created);
        expect(await store.claim(request({ fingerprint: 'fingerprint-b' }))).toEqual({ outcome: 'fingerprint-mismatch' });
      });

      it('hands out copies: changing an answer changes nothing stored', async () => {
        await store.complete(claimed(await store.claim(request())), created);
        const first = await store.claim(request());
        if (first.outcome !== 'completed') throw new Error('expected completed');
        (first.response.headers as Record<string, string>).Location = '/elsewhere';
        expect(await store.claim(request())).toMatchObject({ response: created });
      });

      it('does not complete a claim twice', async () => {
        const claim = claimed(await store.claim(request()));
        expect(await store.complete(claim, created)).toBe(true);
        expect(await store.complete(claim, { ...created, status: 200 })).toBe(false);
        expect(await store.claim(request())).toMatchObject({ response: created });
      });
    });

    describe('release', () => {
      it('frees the key: the next claim wins, even with another fingerprint', async () => {
        const claim = claimed(await store.claim(request()));
        expect(await store.release(claim)).toBe(true);
        expect(await store.find(request())).toBeUndefined();
        expect(await store.claim(request({ fingerprint: 'fingerprint-b' }))).toMatchObject({ outcome: 'claimed', tookOver: false });
      });

      it('does nothing for a claim no longer held', async () => {
        const claim = claimed(await store.claim(request()));
        await store.release(claim);
        expect(await store.release(claim)).toBe(false);
        expect(await store.complete(claim, created)).toBe(false);
        expect(await store.find(request())).toBeUndefined();
      });

      it('does not release a completed key', async () => {
        const claim = claimed(await store.claim(request()));
        await store.complete(claim, created);
        expect(await store.release(claim)).toBe(false);
        expect((await store.claim(request())).outcome).toBe('completed');
      });
    });

    describe('stale claims', () => {
      it('lets a retry take over a claim once its lease has run out', async () => {
        const stale = claimed(await store.claim(request()));
        clock.advance(LEASE_MS);
        const outcome = await store.claim(request());
        expect(outcome).toMatchObject({ outcome: 'claimed', tookOver: true });
        const fresh = claimed(outcome);
        expect(fresh.token).not.toBe(stale.token);
        expect(await store.find(request())).toMatchObject({ state: 'in-flight', claimToken: fresh.token, claimedAt: clock.iso() });
        // The new claim has a full lease of its own.
        clock.advance(1_000);
        expect(await store.claim(request())).toEqual({ outcome: 'in-flight', retryAfterMs: LEASE_MS - 1_000 });
      });

      it('keeps the late first claim from completing or releasing the one that took over', async () => {
        const stale = claimed(await store.claim(request()));
        clock.advance(LEASE_MS + 1);
        const fresh = claimed(await store.claim(request()));
        expect(await store.complete(stale, { ...created, status: 200 })).toBe(false);
        expect(await store.release(stale)).toBe(false);
        expect(await store.complete(fresh, created)).toBe(true);
        expect(await store.claim(request())).toMatchObject({ outcome: 'completed', response: created });
      });

      it('does not let another request take over a stale claim', async () => {
        await store.claim(request());
        clock.advance(2 * LEASE_MS);
        expect(await store.claim(request({ fingerprint: 'fingerprint-b' }))).toEqual({ outcome: 'fingerprint-mismatch' });
      });
    });

    describe('scoping', () => {
      it('keeps one key of two users apart', async () => {
        const alice = claimed(await store.claim(request({ sub: 'alice' })));
        const bob = await store.claim(request({ sub: 'bob', fingerprint: 'fingerprint-b' }));
        expect(bob.outcome).toBe('claimed');
        await store.complete(alice, created);
        expect(await store.find(request({ sub: 'bob' }))).toMatchObject({ state: 'in-flight', fingerprint: 'fingerprint-b' });
        expect(await store.claim(request({ sub: 'alice' }))).toMatchObject({ outcome: 'completed' });
      });

      it('keeps one key on two routes apart', async () => {
        const first = claimed(await store.claim(request({ scope: 'POST /applications/a/approve' })));
        await store.complete(first, created);
        expect(await store.claim(request({ scope: 'POST /applications/b/approve' }))).toMatchObject({ outcome: 'claimed' });
        expect(await store.claim(request({ scope: 'POST /applications' }))).toMatchObject({ outcome: 'claimed' });
      });

      it('keeps similar keys apart (no prefix or case folding)', async () => {
        await store.claim(request({ key: 'Key-1' }));
        expect((await store.claim(request({ key: 'key-1' }))).outcome).toBe('claimed');
        expect((await store.claim(request({ key: 'key-10' }))).outcome).toBe('claimed');
        expect((await store.claim(request({ sub: 'clerk-7 POST', scope: '/applications' }))).outcome).toBe('claimed');
      });
    });

    describe('purge', () => {
      it('removes completed keys stored before the cut-off and abandoned claims taken before it, and nothing else', async () => {
        await store.complete(claimed(await store.claim(request({ key: 'old-completed' }))), created);
        await store.claim(request({ key: 'old-abandoned' }));
        clock.advance(60 * 60 * 1000);
        const cutOff = clock.now();
        await store.complete(claimed(await store.claim(request({ key: 'new-completed' }))), created);
        await store.claim(request({ key: 'new-in-flight' }));

        expect(await store.purge(cutOff)).toBe(2);
        expect(await store.find(request({ key: 'old-completed' }))).toBeUndefined();
        expect(await store.find(request({ key: 'old-abandoned' }))).toBeUndefined();
        expect(await store.find(request({ key: 'new-completed' }))).toMatchObject({ state: 'completed' });
        expect(await store.find(request({ key: 'new-in-flight' }))).toMatchObject({ state: 'in-flight' });
        expect(await store.purge(cutOff)).toBe(0);
        // A purged key is free again.
        expect(await store.claim(request({ key: 'old-completed', fingerprint: 'fingerprint-b' }))).toMatchObject({ outcome: 'claimed' });
      });

      it('judges a completed key by when its response was stored, not when it was claimed', async () => {
        const claim = claimed(await store.claim(request()));
        clock.advance(30_000);
        await store.complete(claim, created);
        expect(await store.purge(new Date(Date.parse(START) + 1_000))).toBe(0);
        expect((await store.claim(request())).outcome).toBe('completed');
      });
    });

    describe('close', () => {
      it('is idempotent, and every method rejects afterwards', async () => {
        const claim = claimed(await store.claim(request()));
        await store.close();
        await store.close();
        await expect(store.claim(request())).rejects.toThrow(/closed/);
        await expect(store.complete(claim, created)).rejects.toThrow(/closed/);
        await expect(store.release(claim)).rejects.toThrow(/closed/);
        await expect(store.find(request())).rejects.toThrow(/closed/);
        await expect(store.purge(clock.now())).rejects.toThrow(/closed/);
      });
    });

    describe('bindToLog', () => {
      it('keeps the keys of the log it is bound to, and forgets every key when bound to another log', async () => {
        expect(await store.bindToLog('log-a')).toBe(0);
        await store.complete(claimed(await store.claim(request())), created);
        expect(await store.bindToLog('log-a')).toBe(0);
        expect((await store.claim(request())).outcome).toBe('completed');
        expect(await store.bindToLog('log-b')).toBe(1);
        expect(await store.find(request())).toBeUndefined();
        expect((await store.claim(request())).outcome).toBe('claimed');
      });

      it('forgets every key on forgetAll', async () => {
        await store.complete(claimed(await store.claim(request())), created);
        expect(await store.forgetAll()).toBe(1);
        expect(await store.find(request())).toBeUndefined();
      });
    });

    if (capabilities.durable === true) {
      describe('durability', () => {
        const reopen = async (): Promise<IdempotencyStore> => {
          if (subject.reopen === undefined) throw new Error('The factory declared the adapter durable but returned no reopen()');
          await store.close();
          store = await subject.reopen();
          return store;
        };

        it('replays a completed key after reopening, and still refuses another fingerprint', async () => {
          await store.complete(claimed(await store.claim(request())), created);
          const reopened = await reopen();
          expect(await reopened.claim(request())).toEqual({ outcome: 'completed', response: created, completedAt: START });
          expect(await reopened.claim(request({ fingerprint: 'fingerprint-b' }))).toEqual({ outcome: 'fingerprint-mismatch' });
        });

        it('keeps a claim in flight across reopening, and its lease', async () => {
          const claim = claimed(await store.claim(request()));
          clock.advance(20_000);
          const reopened = await reopen();
          expect(await reopened.claim(request())).toEqual({ outcome: 'in-flight', retryAfterMs: 40_000 });
          expect(await reopened.complete(claim, created)).toBe(true);
          expect((await reopened.claim(request())).outcome).toBe('completed');
        });
      });
    }
  });
}
