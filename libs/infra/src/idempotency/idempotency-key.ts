import { createHash } from 'node:crypto';

/**
 * An acceptable `Idempotency-Key`: 1–255 visible ASCII characters (0x21–0x7E), so no spaces, no control
 * characters and nothing a proxy might re-encode. A UUID is the usual choice.
 */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7E]{1,255}$/;

export function isValidIdempotencyKey(value: unknown): value is string {
  return typeof value === 'string' && IDEMPOTENCY_KEY_PATTERN.test(value);
}

/**
 * The JSON text of a value with every object's keys sorted (recursively), so two bodies that differ only in key
 * order or whitespace have the same text. Arrays keep their order; `undefined` members are dropped as
 * `JSON.stringify` does.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON !== 'function') {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .filter((name) => record[name] !== undefined && typeof record[name] !== 'function')
      .map((name) => `${JSON.stringify(name)}:${canonicalJson(record[name])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The fingerprint of a request body: the SHA-256 (hex) of its canonical JSON. No body counts as `null`. */
export function requestFingerprint(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex');
}
