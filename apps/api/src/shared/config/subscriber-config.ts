import { ConfigError } from './app-config';

/** Settings of the event feed, the SSE stream and the webhook deliveries (docs/consumers.md, "Operating"). */
export interface SubscriberConfig {
  /** Absolute base URL of this API as subscribers reach it: the CloudEvents `source` and `dataschema` start with it. */
  readonly publicBaseUrl: string;
  /** How often a caught-up stream or delivery worker looks for new events. */
  readonly feedPollMs: number;
  readonly sse: {
    readonly heartbeatMs: number;
    readonly maxStreams: number;
    readonly maxStreamsPerSubscriber: number;
    /** A client that has not read what was sent within this time is cut off (it resumes with Last-Event-ID). */
    readonly slowClientTimeoutMs: number;
  };
  readonly webhooks: {
    readonly timeoutMs: number;
    readonly backoffBaseMs: number;
    readonly backoffMaxMs: number;
    /** Consecutive failed attempts after which a subscription is paused. */
    readonly pauseAfterFailures: number;
    /** Address ranges (ipaddr.js names: loopback, private, linkLocal, uniqueLocal…) a webhook may target; none by default. */
    readonly allowedRanges: readonly string[];
  };
}

const ALLOWABLE_RANGES = ['loopback', 'private', 'linkLocal', 'uniqueLocal', 'carrierGradeNat'];

export function loadSubscriberConfig(env: NodeJS.ProcessEnv, port: number): SubscriberConfig {
  const base = (env.PUBLIC_BASE_URL ?? '').trim() || `http://localhost:${port}`;
  if (!/^https?:\/\/[^/]+(\/.*)?$/.test(base)) throw new ConfigError(`PUBLIC_BASE_URL must be an http(s) URL, got ${base}`);
  const allowedRanges = (env.WEBHOOK_ALLOWED_RANGES ?? '')
    .split(',')
    .map((range) => range.trim())
    .filter((range) => range !== '');
  for (const range of allowedRanges) {
    if (!ALLOWABLE_RANGES.includes(range)) {
      throw new ConfigError(`WEBHOOK_ALLOWED_RANGES: ${range} is not one of ${ALLOWABLE_RANGES.join(', ')}`);
    }
  }
  return {
    publicBaseUrl: base.replace(/\/+$/, ''),
    feedPollMs: positive(env, 'EVENT_FEED_POLL_MS', 250),
    sse: {
      heartbeatMs: positive(env, 'SSE_HEARTBEAT_MS', 15_000),
      maxStreams: positive(env, 'SSE_MAX_STREAMS', 100),
      maxStreamsPerSubscriber: positive(env, 'SSE_MAX_STREAMS_PER_SUBSCRIBER', 4),
      slowClientTimeoutMs: positive(env, 'SSE_SLOW_CLIENT_TIMEOUT_MS', 30_000),
    },
    webhooks: {
      timeoutMs: positive(env, 'WEBHOOK_TIMEOUT_MS', 10_000),
      backoffBaseMs: positive(env, 'WEBHOOK_BACKOFF_BASE_MS', 5_000),
      backoffMaxMs: positive(env, 'WEBHOOK_BACKOFF_MAX_MS', 3_600_000),
      pauseAfterFailures: positive(env, 'WEBHOOK_PAUSE_AFTER_FAILURES', 10),
      allowedRanges,
    },
  };
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(`${name} must be a positive integer, got ${raw}`);
  return value;
}
