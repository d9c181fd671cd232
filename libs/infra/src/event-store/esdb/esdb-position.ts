import type { Position as EsdbPosition } from '@eventstore/db-client';
import type { Position } from '../event-store.port';

/**
 * Positions in EventStoreDB's `$all` are two unsigned 64-bit numbers, {commit, prepare}. The port's Position is an
 * opaque string, so they are encoded as two fixed-width lower-case hex fields, `<commit>-<prepare>` (16 digits
 * each): the text is JSON-safe (no bigint), and even a lexical comparison orders it as the log does.
 */

const MAX_UINT64 = 0xffff_ffff_ffff_ffffn;
const ENCODED = /^[0-9a-f]{16}-[0-9a-f]{16}$/;

/** Encodes a `$all` position as the port's opaque string. */
export function encodeEsdbPosition(position: EsdbPosition): Position {
  for (const value of [position.commit, position.prepare]) {
    if (typeof value !== 'bigint' || value < 0n || value > MAX_UINT64) {
      throw new RangeError(`Not an EventStoreDB position: ${String(value)}`);
    }
  }
  return `${hex16(position.commit)}-${hex16(position.prepare)}` as Position;
}

/** Whether `token` is a string {@link encodeEsdbPosition} could have produced. */
export function isEsdbPosition(token: unknown): token is Position {
  return typeof token === 'string' && ENCODED.test(token);
}

/** The `$all` position an encoded token stands for. Throws TypeError on anything else. */
export function decodeEsdbPosition(token: Position): EsdbPosition {
  if (!isEsdbPosition(token)) throw new TypeError(`Not a position: ${JSON.stringify(token)}`);
  return { commit: BigInt(`0x${token.slice(0, 16)}`), prepare: BigInt(`0x${token.slice(17)}`) };
}

/** Orders two positions as `$all` does: by commit position, then by prepare position. */
export function compareEsdbPositions(a: Position, b: Position): number {
  const left = decodeEsdbPosition(a);
  const right = decodeEsdbPosition(b);
  if (left.commit !== right.commit) return left.commit < right.commit ? -1 : 1;
  if (left.prepare !== right.prepare) return left.prepare < right.prepare ? -1 : 1;
  return 0;
}

function hex16(value: bigint): string {
  return value.toString(16).padStart(16, '0');
}
