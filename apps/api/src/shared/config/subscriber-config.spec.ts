import { ConfigError } from './app-config';
import { loadSubscriberConfig } from './subscriber-config';

describe('loadSubscriberConfig', () => {
  it('defaults to the local base URL, 15 s heartbeats and no private webhook ranges', () => {
    const config = loadSubscriberConfig({}, 3000);
    expect(config).toMatchObject({
      publicBaseUrl: 'http://localhost:3000',
      sse: { heartbeatMs: 15_000, maxStreams: 100, maxStreamsPerSubscriber: 4 },
      webhooks: { timeoutMs: 10_000, pauseAfterFailures: 10, allowedRanges: [] },
    });
  });

  it('reads the settings, trimming a trailing slash from PUBLIC_BASE_URL', () => {
    const config = loadSubscriberConfig(
      { PUBLIC_BASE_URL: 'https://lcm.example.gov/api/', SSE_HEARTBEAT_MS: '5000', WEBHOOK_ALLOWED_RANGES: 'loopback, private' },
      3000,
    );
    expect(config.publicBaseUrl).toBe('https://lcm.example.gov/api');
    expect(config.sse.heartbeatMs).toBe(5000);
    expect(config.webhooks.allowedRanges).toEqual(['loopback', 'private']);
  });

  it.each([
    [{ PUBLIC_BASE_URL: 'lcm.example.gov' }, /PUBLIC_BASE_URL/],
    [{ SSE_HEARTBEAT_MS: '0' }, /SSE_HEARTBEAT_MS must be a positive integer/],
    [{ WEBHOOK_TIMEOUT_MS: 'soon' }, /WEBHOOK_TIMEOUT_MS/],
    [{ WEBHOOK_ALLOWED_RANGES: 'everything' }, /WEBHOOK_ALLOWED_RANGES: everything/],
  ])('refuses %p', (env, message) => {
    expect(() => loadSubscriberConfig(env, 3000)).toThrow(ConfigError);
    expect(() => loadSubscriberConfig(env, 3000)).toThrow(message);
  });
});
