import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import ipaddr from 'ipaddr.js';

/**
 * Refuses webhook targets inside this network (SSRF): loopback, link-local (cloud metadata), private and other
 * non-public ranges, unless the operator allows a range by name (WEBHOOK_ALLOWED_RANGES). ipaddr.js classifies
 * addresses, IPv4-mapped IPv6 included. Checked when a subscription is registered and again on every connection,
 * after DNS resolution, so a name that later resolves inward (DNS rebinding) is refused too.
 */
export function addressAllowed(address: string, allowedRanges: readonly string[]): boolean {
  if (!ipaddr.isValid(address)) return false;
  const range = ipaddr.process(address).range();
  return range === 'unicast' || allowedRanges.includes(range);
}

export class ForbiddenAddressError extends Error {
  constructor(readonly host: string, readonly address: string) {
    super(`${host} resolves to ${address}, which webhooks may not target`);
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for http.request that resolves, then refuses any address outside the allowed ranges. */
export function guardedLookup(allowedRanges: readonly string[]) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const refused = addresses.find((entry) => !addressAllowed(entry.address, allowedRanges));
      if (refused !== undefined) return callback(new ForbiddenAddressError(hostname, refused.address), '');
      if (options.all) return callback(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

/** Resolves a host name and answers the first address that is not allowed, or null when all are. */
export async function firstForbiddenAddress(hostname: string, allowedRanges: readonly string[]): Promise<string | null> {
  const bare = hostname.replace(/^\[(.*)\]$/, '$1');
  const addresses = ipaddr.isValid(bare)
    ? [{ address: bare }]
    : await new Promise<LookupAddress[]>((resolve, reject) =>
        dnsLookup(bare, { all: true }, (error, found) => (error ? reject(error) : resolve(found))),
      );
  return addresses.find((entry) => !addressAllowed(entry.address, allowedRanges))?.address ?? null;
}
