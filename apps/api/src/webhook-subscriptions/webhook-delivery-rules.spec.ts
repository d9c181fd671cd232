import { createHmac } from 'node:crypto';
import { backoffDelayMs } from './backoff';
import { addressAllowed, ForbiddenAddressError, guardedLookup } from './ssrf-guard';
import { newSigningSecret, signWebhook } from './webhook-signature';

describe('the SSRF guard', () => {
  it.each([
    ['127.0.0.1'], ['::1'], ['169.254.169.254'], ['10.0.0.1'], ['172.16.5.4'], ['192.168.1.1'], ['fd00::1'], ['fe80::1'],
    ['::ffff:127.0.0.1'], ['::ffff:10.0.0.1'], ['0.0.0.0'], ['100.64.0.1'], ['224.0.0.1'], ['not-an-ip'],
  ])('refuses %s by default', (address) => {
    expect(addressAllowed(address, [])).toBe(false);
  });

  it('allows public unicast addresses, and a range the operator named', () => {
    expect(addressAllowed('8.8.8.8', [])).toBe(true);
    expect(addressAllowed('2606:4700::1111', [])).toBe(true);
    expect(addressAllowed('127.0.0.1', ['loopback'])).toBe(true);
    expect(addressAllowed('::ffff:127.0.0.1', ['loopback'])).toBe(true);
    expect(addressAllowed('10.0.0.1', ['loopback'])).toBe(false);
  });

  it('refuses at connection time a name that resolves inward (DNS rebinding)', async () => {
    const error = await new Promise<Error | null>((resolve) => guardedLookup([])('localhost', {}, (e) => resolve(e)));
    expect(error).toBeInstanceOf(ForbiddenAddressError);
  });
});

describe('webhook signatures (Standard Webhooks)', () => {
  it('given a whsec_ secret, then the signature is v1, base64 HMAC-SHA256 of "id.timestamp.body" keyed with the decoded secret', () => {
    const secret = newSigningSecret();
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    const expected = createHmac('sha256', Buffer.from(secret.slice(6), 'base64')).update('msg_1.1700000000.{"a":1}').digest('base64');
    expect(signWebhook(secret, 'msg_1', 1700000000, '{"a":1}')).toBe(`v1,${expected}`);
  });
});

describe('back-off', () => {
  it('doubles from the base per failure, capped, with the jitter in the upper half', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, 1000, 5000, () => 0))).toEqual([500, 1000, 2000, 2500]);
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, 1000, 5000, () => 1))).toEqual([1000, 2000, 4000, 5000]);
  });
});
