import { isLoopback, metricsAccessProblem } from './metrics-access';

const TOKEN = 'metrics-token-of-at-least-thirty-two-bytes';

describe('metricsAccessProblem', () => {
  describe('loopback (the default)', () => {
    const config = { metricsAccess: 'loopback' as const, metricsToken: null };

    it.each(['127.0.0.1', '127.4.5.6', '::1', '::ffff:127.0.0.1'])('lets a caller at %s read', (address) => {
      expect(metricsAccessProblem(config, address, undefined)).toBeNull();
    });

    it.each(['10.0.0.5', '192.168.1.20', '::ffff:10.0.0.5', 'fe80::1', undefined])('refuses %s with 403 METRICS_LOOPBACK_ONLY', (address) => {
      expect(metricsAccessProblem(config, address, undefined)).toMatchObject({ status: 403, code: 'METRICS_LOOPBACK_ONLY' });
    });
  });

  describe('token', () => {
    const config = { metricsAccess: 'token' as const, metricsToken: TOKEN };

    it('lets the bearer of the token read from anywhere', () => {
      expect(metricsAccessProblem(config, '10.0.0.5', `Bearer ${TOKEN}`)).toBeNull();
    });

    it.each([undefined, 'Bearer wrong-token', `Basic ${TOKEN}`, `Bearer ${TOKEN}x`])('refuses %s with 401, even from loopback', (authorization) => {
      expect(metricsAccessProblem(config, '127.0.0.1', authorization)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    });
  });

  it('open lets anyone read', () => {
    expect(metricsAccessProblem({ metricsAccess: 'open', metricsToken: null }, '203.0.113.9', undefined)).toBeNull();
  });
});

describe('isLoopback', () => {
  it('does not take a look-alike for the loopback interface', () => {
    expect(isLoopback('127.0.0.1.example')).toBe(false);
    expect(isLoopback('::2')).toBe(false);
  });
});
