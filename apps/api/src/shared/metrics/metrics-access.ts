import { createHash, timingSafeEqual } from 'node:crypto';
import { ProblemException, Problems } from '../http/problem';
import type { OperationsConfig } from '../operations/operations-config';

/** The addresses of a caller on this host: IPv4 127/8, IPv6 ::1 and IPv4-mapped 127/8. */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/**
 * Who may scrape GET /metrics (METRICS_ACCESS): `loopback` (default) a caller on this host, by the socket's peer
 * address (never X-Forwarded-For); `token` anyone sending `Authorization: Bearer <METRICS_TOKEN>`; `open` anyone.
 * Returns the problem to answer, or null when the caller may read.
 */
export function metricsAccessProblem(
  config: Pick<OperationsConfig, 'metricsAccess' | 'metricsToken'>,
  remoteAddress: string | undefined,
  authorization: string | undefined,
): ProblemException | null {
  switch (config.metricsAccess) {
    case 'open':
      return null;
    case 'loopback':
      return isLoopback(remoteAddress)
        ? null
        : new ProblemException(403, 'METRICS_LOOPBACK_ONLY', 'Forbidden', 'Metrics are served to callers on this host only (METRICS_ACCESS=loopback)');
    case 'token': {
      const given = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
      if (given !== undefined && config.metricsToken !== null && sameSecret(given, config.metricsToken)) return null;
      return Problems.unauthenticated('Send Authorization: Bearer <METRICS_TOKEN>');
    }
  }
}

/** Compares in constant time (over digests, so the lengths do not leak either). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
