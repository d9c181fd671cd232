import { createHash, randomUUID } from 'node:crypto';

export const ID_GENERATOR = Symbol('ID_GENERATOR');
export type IdGenerator = () => string;

export const randomIds: IdGenerator = () => randomUUID();

/**
 * A name-based UUID (RFC 9562 version 5, SHA-1) in a namespace of this application: the same name always
 * gives the same id, which makes re-running the seed an idempotent append.
 */
export function nameBasedUuid(name: string): string {
  const namespace = Buffer.from('6f1c2f52b5b94c0e8a4a1d4e0c7b9a21', 'hex');
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
