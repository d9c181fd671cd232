import { ConfigError } from '../config/app-config';
import { loadOperationsConfig } from './operations-config';

const TOKEN = 'metrics-token-of-at-least-thirty-two-bytes';

describe('loadOperationsConfig', () => {
  it('defaults to loopback metrics, pretty info logs outside production, 10 s to drain, a lag bound of 1000', () => {
    expect(loadOperationsConfig({})).toEqual({
      metricsAccess: 'loopback',
      metricsToken: null,
      logLevel: 'info',
      logFormat: 'pretty',
      shutdownTimeoutMs: 10_000,
      readyMaxProjectionLag: 1_000,
    });
  });

  it('logs JSON lines in production', () => {
    expect(loadOperationsConfig({ NODE_ENV: 'production' }).logFormat).toBe('json');
  });

  it('reads every setting', () => {
    const config = loadOperationsConfig({
      METRICS_ACCESS: 'open',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'json',
      SHUTDOWN_TIMEOUT_MS: '3000',
      READY_MAX_PROJECTION_LAG: '50',
    });
    expect(config).toEqual({ metricsAccess: 'open', metricsToken: null, logLevel: 'debug', logFormat: 'json', shutdownTimeoutMs: 3000, readyMaxProjectionLag: 50 });
  });

  it('selects token access when only METRICS_TOKEN is set', () => {
    expect(loadOperationsConfig({ METRICS_TOKEN: TOKEN })).toMatchObject({ metricsAccess: 'token', metricsToken: TOKEN });
  });

  it('keeps loopback when METRICS_ACCESS says so, and then ignores the token', () => {
    expect(loadOperationsConfig({ METRICS_ACCESS: 'loopback', METRICS_TOKEN: TOKEN })).toMatchObject({ metricsAccess: 'loopback', metricsToken: null });
  });

  it.each([
    [{ METRICS_ACCESS: 'token' }, 'METRICS_TOKEN of at least 32 bytes'],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN of at least 32 bytes'],
    [{ METRICS_ACCESS: 'public' }, 'METRICS_ACCESS must be one of loopback, token, open'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL must be one of'],
    [{ LOG_FORMAT: 'xml' }, 'LOG_FORMAT must be one of json, pretty'],
    [{ SHUTDOWN_TIMEOUT_MS: '0' }, 'SHUTDOWN_TIMEOUT_MS must be a positive integer'],
    [{ READY_MAX_PROJECTION_LAG: '1.5' }, 'READY_MAX_PROJECTION_LAG must be a positive integer'],
  ])('refuses %j', (env, message) => {
    expect(() => loadOperationsConfig(env)).toThrow(ConfigError);
    expect(() => loadOperationsConfig(env)).toThrow(message);
  });
});
