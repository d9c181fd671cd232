/**
 * The wait before attempt n+1 after n consecutive failures: exponential (base·2^(n−1), capped) with "equal jitter"
 * (half fixed, half random), so receivers recovering from an outage are not hit by every subscription at once.
 */
export function backoffDelayMs(failures: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.min(30, Math.max(0, failures - 1)));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
