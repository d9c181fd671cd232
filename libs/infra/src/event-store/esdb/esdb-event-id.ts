import { createHash } from 'node:crypto';

/**
 * EventStoreDB event ids are UUIDs; the port's ids are any non-blank string (the application mints UUIDs).
 * A canonical lower-case UUID is used as it is, so the id the server shows is the application's. Anything else is
 * mapped to a name-based UUID (RFC 9562 version 5) in this adapter's namespace, deterministically, so a retry maps
 * to the same server id; the original id is then kept in the event's metadata envelope (esdb-envelope.ts).
 */

/** The server returns ids in this form: any other spelling of a UUID would come back different. */
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';
/** The namespace of the adapter's name-based ids (a fixed random UUID). */
const ID_NAMESPACE = Buffer.from('3d9a0c4e8f2b4b7a9e61c5f0a2d4b8e7', 'hex');

/** Whether the port id can be the server's event id unchanged. */
export function isServerEventId(id: string): boolean {
  return CANONICAL_UUID.test(id) && id !== NIL_UUID;
}

/** The server event id of a port event id. */
export function toEsdbEventId(id: string): string {
  return isServerEventId(id) ? id : nameBasedUuid(ID_NAMESPACE, id);
}

/** RFC 9562 version-5 UUID of `name` in `namespace` (16 bytes). */
export function nameBasedUuid(namespace: Buffer, name: string): string {
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
