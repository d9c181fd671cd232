import { describeAppendConformance } from './conformance/append.cases';
import { describeConcurrencyConformance } from './conformance/concurrency.cases';
import { ConformanceFixture, type ConformanceFactory } from './conformance/conformance-fixture';
import { describeDataConformance } from './conformance/data.cases';
import { describeHashChainConformance } from './conformance/hash-chain.cases';
import { describeIdempotencyConformance } from './conformance/idempotency.cases';
import { describeDurabilityConformance, describeLifecycleConformance } from './conformance/lifecycle.cases';
import { describeMultiStreamConformance } from './conformance/multi-stream.cases';
import { describeReadAllConformance } from './conformance/read-all.cases';
import { describeReadStreamConformance } from './conformance/read-stream.cases';

export {
  CLOCK_START,
  TestClock,
  type ConformanceContext,
  type ConformanceFactory,
  type ConformanceSubject,
} from './conformance/conformance-fixture';

/** What the adapter under test offers beyond the port. */
export interface ConformanceCapabilities {
  /**
   * The adapter keeps its data across close and reopen. Registers the durability tests, which require the factory
   * to return `reopen` (and fail loudly if it does not, rather than passing vacuously). Default `false`.
   */
  readonly durable?: boolean;
  /**
   * The adapter refuses an event id already stored in ANOTHER stream (DuplicateEventIdError). Default `true`.
   * EventStoreDB cannot (it has no index by event id; it deduplicates within a stream only): its three cases that
   * reuse an id across streams are then reported as skipped with that reason.
   */
  readonly detectsIdReuseAcrossStreams?: boolean;
}

/**
 * Registers the event-store conformance suite: the behaviour every {@link EventStore} adapter must share, so the
 * application can swap adapters (in-memory in tests, SQLite embedded, EventStoreDB later) without noticing.
 *
 * The factory is called before every test with a controllable clock and must return a fresh, empty store that
 * stamps `recordedAt` from `context.now`, and a `dispose` that releases it. Call it at the top level of a spec:
 *
 * ```ts
 * describeEventStoreConformance('InMemoryEventStore', async ({ now }) => {
 *   const store = new InMemoryEventStore({ now });
 *   return { store, dispose: () => store.close() };
 * });
 * ```
 *
 * @param name shown in the `describe` title.
 * @param factory builds the store under test, once per test.
 * @param capabilities optional behaviour the adapter claims and the suite then checks.
 */
export function describeEventStoreConformance(
  name: string,
  factory: ConformanceFactory,
  capabilities: ConformanceCapabilities = {},
): void {
  describe(`${name} conforms to the EventStore port`, () => {
    const fixture = new ConformanceFixture(factory, capabilities.detectsIdReuseAcrossStreams ?? true);
    beforeEach(() => fixture.setUp());
    afterEach(() => fixture.tearDown());

    describeAppendConformance(fixture);
    describeIdempotencyConformance(fixture);
    describeMultiStreamConformance(fixture);
    describeReadStreamConformance(fixture);
    describeReadAllConformance(fixture);
    describeDataConformance(fixture);
    describeHashChainConformance(fixture);
    describeConcurrencyConformance(fixture);
    describeLifecycleConformance(fixture);
    if (capabilities.durable === true) describeDurabilityConformance(fixture);
  });
}
