import autocannon from 'autocannon';
import type { BenchRow } from './measure';

/**
 * HTTP load from autocannon (a maintained load generator: keep-alive connections, HdrHistogram latencies corrected
 * the way its authors chose, no hand-written client loop to get wrong), in the bench process, against a server in
 * another process (bench-server.ts).
 */
export interface LoadOptions {
  readonly name: string;
  readonly base: string;
  readonly connections: number;
  /** Run for this many seconds… */
  readonly seconds?: number;
  /** …or until this many requests have been answered. */
  readonly amount?: number;
  readonly method?: 'GET' | 'POST';
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** The path and body of each request in turn (e.g. a fresh case for each command); replaces `path` and `body`. */
  readonly next?: () => { readonly path: string; readonly body?: string };
  /** Every response body (e.g. to collect the ids of the cases created). */
  readonly onBody?: (body: string) => void;
  /** The status every answer must have: anything else fails the benchmark (a fast 4xx is not a result). */
  readonly status: number;
}

export interface LoadResult {
  readonly name: string;
  readonly requests: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p99Ms: number;
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  const { next, onBody } = options;
  const result = await autocannon({
    url: options.base,
    connections: options.connections,
    ...(options.amount === undefined ? { duration: options.seconds ?? 5 } : { amount: options.amount }),
    timeout: 30,
    // autocannon notices the end (a duration or an amount reached) at its next sample: every second by default,
    // which rounded an amount's run up to whole seconds. Every 20 ms keeps the measured time within 2 % of a second.
    sampleInt: 20,
    requests: [
      {
        method: options.method ?? 'GET',
        path: options.path,
        ...(options.headers ? { headers: options.headers } : {}),
        ...(options.body === undefined ? {} : { body: options.body }),
        ...(next ? { setupRequest: (request: autocannon.Request) => ({ ...request, ...next() }) } : {}),
        ...(onBody ? { onResponse: (_status: number, body: string) => onBody(body) } : {}),
      },
    ],
  });
  const answered = result.statusCodeStats?.[`${options.status}`]?.count ?? 0;
  const total = result.requests.total;
  if (result.errors > 0 || answered !== total || total === 0) {
    throw new Error(
      `${options.name}: ${total} answered, ${answered} with ${options.status}, ${result.errors} errors ` +
        `(${result.timeouts} timeouts); statuses ${JSON.stringify(result.statusCodeStats ?? {})}`,
    );
  }
  return { name: options.name, requests: total, seconds: result.duration, perSecond: total / result.duration, p99Ms: result.latency.p99 };
}

/** A row of the table: `measured` against `baseline` (same run), with the target on ratio and p99 if any. */
export function loadRow(
  measured: LoadResult,
  baseline: LoadResult,
  target?: { readonly ratio: number; readonly p99Ms: number },
): BenchRow {
  const ratio = measured.perSecond / baseline.perSecond;
  return {
    measurement: `${measured.name} / ${baseline.name}`,
    figure: `${figure(measured)} (${measured.requests} in ${measured.seconds.toFixed(1)} s)`,
    baseline: figure(baseline),
    ratio,
    target: target ? `≥ ${target.ratio} ×, p99 ≤ ${target.p99Ms} ms` : 'none',
    met: target ? ratio >= target.ratio && measured.p99Ms <= target.p99Ms : null,
  };
}

function figure(result: LoadResult): string {
  return `${Math.round(result.perSecond)} req/s, p99 ${result.p99Ms} ms`;
}
