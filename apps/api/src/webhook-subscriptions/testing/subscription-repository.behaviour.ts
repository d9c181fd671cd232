import type { NewDeliveryAttempt, Subscription } from '../subscription';
import type { SubscriptionRepository } from '../subscription.repository';

/**
 * The behaviour every {@link SubscriptionRepository} adapter shares. Test-only: registers Jest blocks.
 */
export interface SubscriptionRepositorySubject {
  readonly repository: SubscriptionRepository;
  /** One more repository on the same data: another server process, or another API instance. */
  readonly another: () => Promise<SubscriptionRepository>;
  /**
   * Makes every later UPDATE of this subscription's row fail, as a crash between a delivery's two writes would
   * leave it: what was written before the UPDATE must then be rolled back with it.
   */
  readonly failUpdatesOf: (id: string) => Promise<void>;
  /** Closes every repository opened and removes the data. */
  readonly dispose: () => Promise<void>;
}

export type SubscriptionRepositoryFactory = () => Promise<SubscriptionRepositorySubject>;

const NOW = Date.parse('2025-11-10T12:00:00.000Z');

const aSubscription = (overrides: Partial<Subscription> = {}): Subscription => ({
  id: 'sub-1',
  url: 'https://warehouse.example.com/hooks',
  types: ['ReviewTrackChanged', 'LicenceApplicationSubmitted'],
  country: 'KH',
  description: 'Compliance data warehouse',
  status: 'active',
  checkpoint: '41',
  consecutiveFailures: 0,
  nextAttemptAt: 0,
  pausedReason: null,
  createdAt: '2025-11-10T12:00:00.000Z',
  createdBy: 'admin-1',
  ...overrides,
});

const anAttempt = (overrides: Partial<NewDeliveryAttempt> = {}): NewDeliveryAttempt => ({
  subscriptionId: 'sub-1',
  eventId: 'event-42',
  eventType: 'ReviewTrackChanged',
  position: '42',
  attempt: 1,
  attemptedAt: '2025-11-10T12:00:01.250Z',
  outcome: 'delivered',
  statusCode: 204,
  error: null,
  durationMs: 35,
  ...overrides,
});

const failed = (overrides: Partial<NewDeliveryAttempt> = {}) =>
  anAttempt({ outcome: 'failed', statusCode: 500, error: 'HTTP 500', ...overrides });

// Refusals are checked with `rejects.toHaveProperty('message')`, not `rejects.toThrow()`: better-sqlite3 builds its
// errors with the Error of the first test file that loaded it, which fails `toThrow`'s instanceof check in the others.
export function describeSubscriptionRepositoryBehaviour(name: string, factory: SubscriptionRepositoryFactory): void {
  describe(`${name} behaves as a SubscriptionRepository`, () => {
    let subject: SubscriptionRepositorySubject;
    let repository: SubscriptionRepository;

    beforeEach(async () => {
      subject = await factory();
      repository = subject.repository;
    });
    afterEach(async () => {
      await subject.dispose();
    });

    describe('subscriptions', () => {
      it('keeps a subscription as created, its secret apart, and lists them oldest first', async () => {
        const later = aSubscription({ id: 'sub-0', types: [], country: null, description: null, checkpoint: null, createdAt: '2025-11-10T12:05:00.000Z' });
        await repository.create(later, 'whsec_later');
        await repository.create(aSubscription(), 'whsec_first');
        expect(await repository.get('sub-1')).toEqual(aSubscription());
        expect(await repository.get('sub-0')).toEqual(later);
        expect(await repository.get('unknown')).toBeNull();
        expect((await repository.list()).map((subscription) => subscription.id)).toEqual(['sub-1', 'sub-0']);
        expect(await repository.secretOf('sub-1')).toBe('whsec_first');
        await expect(repository.secretOf('unknown')).rejects.toThrow(/unknown/);
      });

      it('refuses a second subscription with the same id', async () => {
        await repository.create(aSubscription(), 'whsec_1');
        await expect(repository.create(aSubscription({ url: 'https://other.example.com' }), 'whsec_2')).rejects.toHaveProperty('message');
        expect(await repository.secretOf('sub-1')).toBe('whsec_1');
      });

      it('answers the active subscriptions whose next attempt is due, by id', async () => {
        await repository.create(aSubscription({ id: 'b' }), 's');
        await repository.create(aSubscription({ id: 'a', nextAttemptAt: NOW }), 's');
        await repository.create(aSubscription({ id: 'later', nextAttemptAt: NOW + 1 }), 's');
        await repository.create(aSubscription({ id: 'paused', status: 'paused', pausedReason: 'r' }), 's');
        expect((await repository.due(NOW)).map((subscription) => subscription.id)).toEqual(['a', 'b']);
        expect((await repository.due(NOW + 1)).map((subscription) => subscription.id)).toEqual(['a', 'b', 'later']);
      });

      it('deletes a subscription with its secret and delivery log, once', async () => {
        await repository.create(aSubscription(), 's');
        await repository.create(aSubscription({ id: 'kept' }), 's');
        await repository.recordDelivered(anAttempt());
        await repository.recordDelivered(anAttempt({ subscriptionId: 'kept' }));
        expect(await repository.delete('sub-1')).toBe(true);
        expect(await repository.get('sub-1')).toBeNull();
        expect(await repository.deliveries('sub-1', 10, null)).toEqual([]);
        await expect(repository.secretOf('sub-1')).rejects.toHaveProperty('message');
        expect(await repository.delete('sub-1')).toBe(false);
        expect(await repository.deliveries('kept', 10, null)).toHaveLength(1);
      });
    });

    describe('deliveries and the checkpoint', () => {
      beforeEach(async () => {
        await repository.create(aSubscription({ consecutiveFailures: 2, nextAttemptAt: NOW }), 's');
      });

      it('logs a delivered event and moves the checkpoint past it, clearing the failures', async () => {
        await repository.recordDelivered(anAttempt());
        expect(await repository.get('sub-1')).toMatchObject({ checkpoint: '42', consecutiveFailures: 0, nextAttemptAt: 0 });
        expect(await repository.deliveries('sub-1', 10, null)).toEqual([{ seq: expect.any(Number), ...anAttempt() }]);
        expect(await repository.attemptsAt('sub-1', 'event-42')).toBe(1);
      });

      it('logs a failed attempt, counts it and schedules the next one, the checkpoint unmoved', async () => {
        await repository.recordFailed(failed(), NOW + 500, null);
        expect(await repository.get('sub-1')).toMatchObject({ status: 'active', checkpoint: '41', consecutiveFailures: 3, nextAttemptAt: NOW + 500 });
        expect(await repository.due(NOW + 499)).toEqual([]);
        expect(await repository.deliveries('sub-1', 10, null)).toEqual([{ seq: expect.any(Number), ...failed() }]);
      });

      it('pauses with the reason given; resume makes it active and due again', async () => {
        await repository.recordFailed(failed(), NOW + 500, 'Paused after 3 consecutive failed deliveries');
        expect(await repository.get('sub-1')).toMatchObject({ status: 'paused', consecutiveFailures: 3, pausedReason: 'Paused after 3 consecutive failed deliveries' });
        expect(await repository.due(NOW + 10_000)).toEqual([]);
        // A paused subscription's checkpoint does not move, even by the filter.
        await repository.advance('sub-1', '50');
        expect(await repository.resume('sub-1')).toBe(true);
        expect(await repository.get('sub-1')).toMatchObject({ status: 'active', consecutiveFailures: 0, nextAttemptAt: 0, pausedReason: null, checkpoint: '41' });
        expect((await repository.due(NOW)).map((subscription) => subscription.id)).toEqual(['sub-1']);
        expect(await repository.resume('unknown')).toBe(false);
      });

      it('moves the checkpoint past events the filter skipped', async () => {
        await repository.advance('sub-1', '60');
        expect(await repository.get('sub-1')).toMatchObject({ checkpoint: '60' });
      });

      it('counts the attempts at each event', async () => {
        await repository.recordFailed(failed({ eventId: 'e1' }), NOW, null);
        await repository.recordFailed(failed({ eventId: 'e1', attempt: 2 }), NOW, null);
        await repository.recordDelivered(anAttempt({ eventId: 'e1', attempt: 3 }));
        await repository.recordDelivered(anAttempt({ eventId: 'e2', position: '43' }));
        expect(await repository.attemptsAt('sub-1', 'e1')).toBe(3);
        expect(await repository.attemptsAt('sub-1', 'e2')).toBe(1);
        expect(await repository.attemptsAt('sub-1', 'e3')).toBe(0);
        expect(await repository.attemptsAt('other', 'e1')).toBe(0);
      });

      it('pages the log newest first, limit + 1 rows, before a seq', async () => {
        for (let i = 1; i <= 5; i += 1) await repository.recordFailed(failed({ attempt: i }), NOW, null);
        const first = await repository.deliveries('sub-1', 2, null);
        expect(first.map((row) => row.attempt)).toEqual([5, 4, 3]);
        const next = await repository.deliveries('sub-1', 2, first[1]!.seq);
        expect(next.map((row) => row.attempt)).toEqual([3, 2, 1]);
        expect(await repository.deliveries('sub-1', 2, next[2]!.seq)).toEqual([]);
      });

      it('logs nothing for a subscription deleted while its attempt was in flight', async () => {
        await repository.delete('sub-1');
        await repository.recordDelivered(anAttempt());
        await repository.recordFailed(failed(), NOW, null);
        expect(await repository.deliveries('sub-1', 10, null)).toEqual([]);
        expect(await repository.get('sub-1')).toBeNull();
      });

      it('commits a delivery and its checkpoint move together: when the move fails, no delivery is logged', async () => {
        await subject.failUpdatesOf('sub-1');
        await expect(repository.recordDelivered(anAttempt())).rejects.toHaveProperty('message');
        await expect(repository.recordFailed(failed(), NOW + 500, null)).rejects.toHaveProperty('message');
        expect(await repository.deliveries('sub-1', 10, null)).toEqual([]);
        expect(await repository.attemptsAt('sub-1', 'event-42')).toBe(0);
        expect(await repository.get('sub-1')).toMatchObject({ checkpoint: '41', consecutiveFailures: 2 });
      });

      it('keeps everything for the next process on the same data', async () => {
        await repository.recordDelivered(anAttempt());
        await repository.close();
        const next = await subject.another();
        expect(await next.get('sub-1')).toMatchObject({ checkpoint: '42' });
        expect(await next.secretOf('sub-1')).toBe('s');
        expect(await next.deliveries('sub-1', 10, null)).toHaveLength(1);
      });
    });

    describe('the delivery lease (one deliverer per subscription across instances)', () => {
      let other: SubscriptionRepository;
      beforeEach(async () => {
        await repository.create(aSubscription(), 's');
        other = await subject.another();
      });

      it('is held by one instance until it lapses; the holder may extend it', async () => {
        expect(await repository.claim('sub-1', 'instance-a', NOW, NOW + 1_000)).toBe(true);
        expect(await other.claim('sub-1', 'instance-b', NOW + 999, NOW + 2_000)).toBe(false);
        expect(await repository.claim('sub-1', 'instance-a', NOW + 500, NOW + 1_500)).toBe(true);
        expect(await other.claim('sub-1', 'instance-b', NOW + 1_000, NOW + 2_000)).toBe(false);
        expect(await other.claim('sub-1', 'instance-b', NOW + 1_500, NOW + 2_500)).toBe(true);
        expect(await repository.claim('sub-1', 'instance-a', NOW + 1_600, NOW + 2_600)).toBe(false);
      });

      it('is free at once when its holder releases it, and only then', async () => {
        await repository.claim('sub-1', 'instance-a', NOW, NOW + 60_000);
        await other.release('sub-1', 'instance-b');
        expect(await other.claim('sub-1', 'instance-b', NOW + 1, NOW + 60_000)).toBe(false);
        await repository.release('sub-1', 'instance-a');
        expect(await other.claim('sub-1', 'instance-b', NOW + 1, NOW + 60_000)).toBe(true);
      });

      it('goes to exactly one of many instances claiming at the same moment', async () => {
        const instances = [repository, other, await subject.another()];
        const claims = await Promise.all(
          Array.from({ length: 12 }, (_, i) => instances[i % instances.length]!.claim('sub-1', `instance-${i}`, NOW, NOW + 1_000)),
        );
        expect(claims.filter(Boolean)).toHaveLength(1);
      });

      it('is per subscription, and never claims one that does not exist', async () => {
        await repository.create(aSubscription({ id: 'sub-2' }), 's');
        expect(await repository.claim('sub-1', 'instance-a', NOW, NOW + 1_000)).toBe(true);
        expect(await other.claim('sub-2', 'instance-b', NOW, NOW + 1_000)).toBe(true);
        expect(await other.claim('unknown', 'instance-b', NOW, NOW + 1_000)).toBe(false);
      });
    });

    it('rejects every call once closed; closing twice is harmless', async () => {
      await repository.close();
      await repository.close();
      await expect(repository.list()).rejects.toHaveProperty('message');
      await expect(repository.claim('sub-1', 'a', NOW, NOW + 1)).rejects.toHaveProperty('message');
      await expect(repository.recordDelivered(anAttempt())).rejects.toHaveProperty('message');
    });
  });
}
