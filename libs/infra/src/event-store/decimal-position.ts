import type { Position } from './event-store.port';

/**
 * Positions as both adapters mint them: the decimal string of a 1-based global sequence number.
 *
 * The port keeps positions opaque; this module is the one place that knows their shape, so the adapters agree
 * and callers never have to. Ordering is numeric (via bigint), never lexical: '10' is after '9'.
 */

/** Largest value of a SQLite INTEGER (signed 64-bit), hence the largest position either adapter can mint. */
const MAX_POSITION = 9_223_372_036_854_775_807n;

/** Canonical decimal: no sign, no leading zeros, no whitespace, at least 1. */
const CANONICAL_DECIMAL = /^[1-9][0-9]{0,18}$/;

/** Whether `token` is a canonical decimal in 1..2^63-1 (the only form {@link toPosition} produces). */
export function isDecimalPosition(token: unknown): token is Position {
  return typeof token === 'string' && CANONICAL_DECIMAL.test(token) && BigInt(token) <= MAX_POSITION;
}

/** Mints the position of the `sequence`-th event in the global log. */
export function toPosition(sequence: bigint | number): Position {
  const value = BigInt(sequence);
  if (value < 1n || value > MAX_POSITION) {
    throw new RangeError(`Global sequence ${value} is outside 1..${MAX_POSITION}`);
  }
  return value.toString() as Position;
}

/** The global sequence number a position stands for. Throws on anything this module did not mint. */
export function positionSequence(position: Position): bigint {
  if (!isDecimalPosition(position)) {
    throw new TypeError(`Not a position: ${JSON.stringify(position)}`);
  }
  return BigInt(position);
}

/** Numeric ordering of two positions: negative, zero or positive, as `Array.prototype.sort` expects. */
export function compareDecimalPositions(a: Position, b: Position): number {
  const left = positionSequence(a);
  const right = positionSequence(b);
  return left < right ? -1 : left > right ? 1 : 0;
}
