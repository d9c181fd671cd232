/** Exponential back-off between resubscriptions: doubling from `initialMs`, capped at `maxMs`, with jitter. */
export interface BackoffOptions {
  /** Delay after the first failure. Default 500 ms. */
  readonly initialMs?: number;
  /** The cap. Default 30 s. */
  readonly maxMs?: number;
  /** A number in [0, 1); injected in tests. Default Math.random. */
  readonly random?: () => number;
}

export const DEFAULT_BACKOFF = { initialMs: 500, maxMs: 30_000 } as const;

/**
 * The delay before the `failures`-th consecutive retry (1-based): `min(maxMs, initialMs · 2^(failures-1))`, then
 * "equal jitter" (half fixed, half random) so that many subscribers dropped by one server restart do not all come
 * back in the same instant, while none retries sooner than half the nominal delay.
 */
export function backoffDelay(failures: number, options: BackoffOptions = {}): number {
  const initialMs = options.initialMs ?? DEFAULT_BACKOFF.initialMs;
  const maxMs = options.maxMs ?? DEFAULT_BACKOFF.maxMs;
  const random = options.random ?? Math.random;
  const exponent = Math.min(Math.max(failures, 1) - 1, 30);
  const nominal = Math.min(maxMs, initialMs * 2 ** exponent);
  return Math.round(nominal / 2 + (nominal / 2) * random());
}
