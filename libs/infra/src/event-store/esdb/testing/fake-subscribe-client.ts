import { UnavailableError, type AllStreamResolvedEvent, type SubscribeToAllOptions } from '@eventstore/db-client';
import type { SubscribeToAllClient } from '../esdb-catch-up-subscription';
import { toRecorded, type FakeEsdbClient } from './fake-esdb-client';

/**
 * A subscribeToAll over a FakeEsdbClient's log, as the server serves it: the events after `fromPosition`, filtered
 * by the stream-name regex. Each subscription drops (throws UnavailableError) after the number of events the next
 * entry of `dropAfter` says; once those run out it serves everything and then waits, as a live subscription does,
 * until unsubscribed.
 */
export class FakeSubscribeClient implements SubscribeToAllClient {
  readonly subscriptions: SubscribeToAllOptions[] = [];
  unsubscribed = 0;

  constructor(
    private readonly source: FakeEsdbClient,
    private readonly dropAfter: number[] = [],
  ) {}

  subscribeToAll(options: SubscribeToAllOptions): AsyncIterable<AllStreamResolvedEvent> & { unsubscribe(): Promise<void> } {
    this.subscriptions.push(options);
    const from = options.fromPosition;
    const regex = options.filter !== undefined && 'regex' in options.filter ? new RegExp(options.filter.regex) : null;
    const events = this.source.log.filter(
      (event) => (typeof from !== 'object' || event.position.commit > from.commit) && (regex === null || regex.test(event.streamId)),
    );
    const dropAfter = this.dropAfter.shift();
    let release: () => void = () => undefined;
    const unsubscribed = new Promise<void>((resolve) => (release = resolve));
    async function* serve(): AsyncGenerator<AllStreamResolvedEvent> {
      for (const [index, event] of events.entries()) {
        if (index === dropAfter) throw new UnavailableError(undefined, '14 UNAVAILABLE: connection lost');
        yield { event: { ...toRecorded(event), position: event.position } };
      }
      if (dropAfter !== undefined) throw new UnavailableError(undefined, '14 UNAVAILABLE: connection lost');
      await unsubscribed;
    }
    return Object.assign(serve(), {
      unsubscribe: async () => {
        this.unsubscribed += 1;
        release();
      },
    });
  }
}
