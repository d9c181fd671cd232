import { fromServerStream, logIdentityStream, streamNameRegex, toServerStream, assertStreamPrefix } from './esdb-stream-names';

describe('stream names on EventStoreDB', () => {
  const matches = (regex: string, stream: string) => new RegExp(regex).test(stream);

  it('puts the prefix in front on the way in and takes it off on the way out', () => {
    expect(toServerStream('t1_', 'licence-1')).toBe('t1_licence-1');
    expect(fromServerStream('t1_', 't1_licence-1')).toBe('licence-1');
    expect(toServerStream('', 'licence-1')).toBe('licence-1');
    expect(fromServerStream('', 'licence-1')).toBe('licence-1');
  });

  it("does not count system streams, other prefixes or the bare prefix as the log's streams", () => {
    expect(fromServerStream('', '$stats-127.0.0.1:2113')).toBeNull();
    expect(fromServerStream('', '$lcm-log')).toBeNull();
    expect(fromServerStream('t1_', 't2_licence-1')).toBeNull();
    expect(fromServerStream('t1_', 't1_')).toBeNull();
  });

  it('keeps the identity stream among the system streams, one per prefix', () => {
    expect(logIdentityStream('')).toBe('$lcm-log');
    expect(logIdentityStream('t1_')).toBe('$lcm-log-t1_');
    expect(() => assertStreamPrefix('$x')).toThrow(TypeError);
  });

  it('filters on the server to the non-system streams, or to those of the prefix', () => {
    expect(matches(streamNameRegex(''), 'licence-1')).toBe(true);
    expect(matches(streamNameRegex(''), '$ce-licence')).toBe(false);
    expect(matches(streamNameRegex('t1_'), 't1_licence-1')).toBe(true);
    expect(matches(streamNameRegex('t1_'), 'x_t1_licence-1')).toBe(false);
  });

  it('filters categories exactly: the name before the first dash, or the whole name', () => {
    const regex = streamNameRegex('', ['licence', 'audit']);
    expect(matches(regex, 'licence-1')).toBe(true);
    expect(matches(regex, 'licence-1-2')).toBe(true);
    expect(matches(regex, 'audit')).toBe(true);
    expect(matches(regex, 'auditor-1')).toBe(false);
    expect(matches(regex, 'licences-1')).toBe(false);
    expect(matches(regex, 'policy-licence-1')).toBe(false);
    expect(matches(streamNameRegex('p.', ['a+b']), 'p.a+b-1')).toBe(true);
    expect(matches(streamNameRegex('p.', ['a+b']), 'pXaab-1')).toBe(false);
    expect(matches(streamNameRegex('', []), 'licence-1')).toBe(false);
  });
});
