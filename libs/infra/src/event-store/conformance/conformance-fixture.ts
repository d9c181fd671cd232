import { randomUUID } from 'node:crypto';
import type { EventMetadata, EventStore, NewEvent } from '../event-store.port';

/**
 * Test plumbing for the event-store conformance suite: the factory contract, a controllable clock, a per-test
 * fixture and small builders. Only the conformance suite and adapter specs use this file.
 */

/** What the suite hands the factory for each test. The store must stamp `recordedAt` from `now`. */
export interface ConformanceContext {
  readonly now: () => Date;
}

/** What the factory returns for each test: a fresh, empty store. */
export interface ConformanceSubject {
  readonly store: EventStore;
  /**
   * Opens a new store over the same data. The suite closes the previous store first. Provide it for durable
   * adapters; the new store must use the same clock.
   */
  readonly reopen?: () => Promise<EventStore>;
  /** Releases everything (every store opened, temp files). Stores may already be closed. */
  readonly dispose: () => Promise<void>;
}

/** Builds a fresh, empty store for one test. */
export type ConformanceFactory = (context: ConformanceContext) => Promise<ConformanceSubject>;

/** The instant every test clock starts at. */
export const CLOCK_START = '2024-03-01T09:00:00.000Z';

/** A clock that only moves when told to, so `recordedAt` and `recordedUntil` can be asserted exactly. */
export class TestClock {
  private current = Date.parse(CLOCK_START);

  /** Bound, so it can be passed around as `() => Date`. */
  readonly now = (): Date => new Date(this.current);

  advance(milliseconds: number): void {
    this.current += milliseconds;
  }

  set(isoInstant: string): void {
    this.current = Date.parse(isoInstant);
  }

  iso(): string {
    return new Date(this.current).toISOString();
  }
}

/** Per-test state of the suite: a fresh store from the factory and its clock. */
export class ConformanceFixture {
  private subject: ConformanceSubject | undefined;
  private current: EventStore | undefined;
  private testClock = new TestClock();

  constructor(
    private readonly factory: ConformanceFactory,
    /** False when the adapter cannot see an id stored in another stream (EventStoreDB has no index by event id). */
    readonly detectsIdReuseAcrossStreams = true,
  ) {}

  /** `it` for a case that needs ids to be unique across streams; skipped, with the reason, where they cannot be. */
  get itAcrossStreams(): jest.It {
    return this.detectsIdReuseAcrossStreams
      ? it
      : (((name: string, fn?: jest.ProvidesCallback, timeout?: number) =>
          it.skip(`${name} [skipped: the store cannot find an id stored in another stream]`, fn, timeout)) as unknown as jest.It);
  }

  get clock(): TestClock {
    return this.testClock;
  }

  get store(): EventStore {
    if (this.current === undefined) throw new Error('Conformance fixture used outside a test');
    return this.current;
  }

  async setUp(): Promise<void> {
    this.testClock = new TestClock();
    this.subject = await this.factory({ now: this.testClock.now });
    this.current = this.subject.store;
  }

  async tearDown(): Promise<void> {
    const subject = this.subject;
    this.subject = undefined;
    this.current = undefined;
    await subject?.dispose();
  }

  /** Closes the current store and opens a new one over the same data. */
  async reopen(): Promise<EventStore> {
    const reopen = this.subject?.reopen;
    if (reopen === undefined) throw new Error('The factory declared the adapter durable but returned no reopen()');
    await this.store.close();
    this.current = await reopen();
    return this.current;
  }
}

/** Valid metadata; override what a test cares about. */
export function metadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  return { actor: 'user-1', correlationId: randomUUID(), causationId: null, schemaVersion: 1, ...overrides };
}

/** A valid event with a fresh id; override what a test cares about. */
export function newEvent(overrides: Partial<NewEvent> = {}): NewEvent {
  return { id: randomUUID(), type: 'Tested', data: { n: 1 }, metadata: metadata(), ...overrides };
}

/** `count` valid events, numbered in `data.n` from 0. */
export function newEvents(count: number, type = 'Tested'): NewEvent[] {
  return Array.from({ length: count }, (_, n) => newEvent({ type, data: { n } }));
}

/** Awaits a promise that must reject and returns the reason, failing the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the promise to reject, but it resolved');
}
