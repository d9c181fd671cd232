import { canonicalJson, isValidIdempotencyKey, requestFingerprint } from './idempotency-key';

describe('isValidIdempotencyKey', () => {
  it.each(['a', 'f47ac10b-58cc-4372-a567-0e02b2c3d479', '"quoted"', '!~', 'x'.repeat(255)])('accepts %j', (key) => {
    expect(isValidIdempotencyKey(key)).toBe(true);
  });

  it.each(['', ' ', 'has space', 'tab\there', 'café', 'x'.repeat(256), 'a, b'])('refuses %j', (key) => {
    expect(isValidIdempotencyKey(key)).toBe(false);
  });

  it('refuses what is not a string', () => {
    expect(isValidIdempotencyKey(['a'])).toBe(false);
    expect(isValidIdempotencyKey(undefined)).toBe(false);
  });
});

describe('canonicalJson and requestFingerprint', () => {
  it('sorts object keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('gives one fingerprint to bodies that differ only in key order', () => {
    expect(requestFingerprint({ a: 1, b: [1, 2] })).toBe(requestFingerprint({ b: [1, 2], a: 1 }));
    expect(requestFingerprint({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('tells apart bodies that differ in a value, an array order or a type', () => {
    const fingerprints = [{ a: 1 }, { a: 2 }, { a: '1' }, { a: [1, 2] }, { a: [2, 1] }, { a: null }, {}, [], null].map(
      requestFingerprint,
    );
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
  });

  it('treats no body as null, and drops undefined members as JSON does', () => {
    expect(requestFingerprint(undefined)).toBe(requestFingerprint(null));
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson([undefined])).toBe('[null]');
  });
});
