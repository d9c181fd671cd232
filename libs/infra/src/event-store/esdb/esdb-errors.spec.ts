import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  NO_STREAM,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
} from '@eventstore/db-client';
import { StoreUnavailableError, WrongExpectedVersionError } from '../event-store.errors';
import { describeEsdbStore, isEsdbUnavailable, toPortFailure, toPortWrongExpectedVersion } from './esdb-errors';

describe('client failures in the port terms', () => {
  it('names the store by scheme and hosts, without credentials or options', () => {
    expect(describeEsdbStore('esdb://admin:changeit@db:2113?tls=false')).toBe('esdb://db:2113');
    expect(describeEsdbStore('esdb+discover://u:p@a:2113,b:2113/?nodePreference=leader')).toBe('esdb+discover://a:2113,b:2113');
    expect(describeEsdbStore('esdb://127.0.0.1:1?tls=false')).toBe('esdb://127.0.0.1:1');
    expect(describeEsdbStore('not a url with secret')).toBe('EventStoreDB');
  });

  it.each([
    ['unavailable', new UnavailableError(undefined, '14 UNAVAILABLE: connect ECONNREFUSED')],
    ['deadline exceeded', new DeadlineExceededError(undefined, '4 DEADLINE_EXCEEDED')],
    ['cancelled by the server', new CancelledError(undefined, '1 CANCELLED')],
    ['discovery failing', new Error('Failed to discover after 10 attempts.')],
  ])('maps %s to StoreUnavailableError naming the store', (_, error) => {
    expect(isEsdbUnavailable(error)).toBe(true);
    const mapped = toPortFailure(error, 'esdb://db:2113');
    expect(mapped).toBeInstanceOf(StoreUnavailableError);
    expect(mapped).toMatchObject({ store: 'esdb://db:2113', reason: error.message });
  });

  it('strips credentials from a reason that would quote them', () => {
    const mapped = toPortFailure(new UnavailableError(undefined, 'lost esdb://admin:changeit@db:2113'), 'esdb://db:2113');
    expect((mapped as Error).message).not.toContain('changeit');
  });

  it('passes every other failure through unchanged', () => {
    for (const error of [new AccessDeniedError(undefined, 'denied'), new StreamNotFoundError(undefined, 's'), new TypeError('x')]) {
      expect(isEsdbUnavailable(error)).toBe(false);
      expect(toPortFailure(error, 'esdb://db:2113')).toBe(error);
    }
  });

  it("maps the client's WrongExpectedVersionError with the caller's expectation and the actual revision", () => {
    const existing = new EsdbWrongExpectedVersionError(undefined, { streamName: 't_licence-1', expected: 3n, current: 5n });
    const mapped = toPortWrongExpectedVersion(existing, 'licence-1', 'no-stream');
    expect(mapped).toBeInstanceOf(WrongExpectedVersionError);
    expect(mapped).toMatchObject({ streamName: 'licence-1', expectedRevision: 'no-stream', actualRevision: 5n });

    const missing = new EsdbWrongExpectedVersionError(undefined, { streamName: 'licence-1', expected: NO_STREAM, current: NO_STREAM });
    expect(toPortWrongExpectedVersion(missing, 'licence-1', 'stream-exists').actualRevision).toBeNull();
  });
});
