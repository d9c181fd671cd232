import { ConfigError } from '../config/app-config';

/** Who may read GET /metrics (see docs/operations.md). */
export const METRICS_ACCESS_MODES = ['loopback', 'token', 'open'] as const;
export type MetricsAccess = (typeof METRICS_ACCESS_MODES)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFormat = 'json' | 'pretty';

/** The settings of metrics, logs, readiness and shutdown. */
export interface OperationsConfig {
  readonly metricsAccess: MetricsAccess;
  /** The bearer token GET /metrics asks for when metricsAccess is `token`. */
  readonly metricsToken: string | null;
  readonly logLevel: LogLevel;
  readonly logFormat: LogFormat;
  /** How long SIGTERM waits for in-flight requests and the current re-evaluation batch before exiting anyway. */
  readonly shutdownTimeoutMs: number;
  /** GET /health/ready answers 503 while a projection is more than this many events behind. */
  readonly readyMaxProjectionLag: number;
}

export const OPERATIONS_CONFIG = Symbol('OPERATIONS_CONFIG');

const MIN_METRICS_TOKEN_BYTES = 32;

/**
 * Reads the operations settings from the environment. Defaults: /metrics for loopback callers only, info logs as
 * JSON lines in production and pretty-printed otherwise, 10 s to drain on SIGTERM, readiness lost beyond 1 000
 * events of projection lag. A METRICS_TOKEN alone selects `token` access.
 */
export function loadOperationsConfig(env: NodeJS.ProcessEnv = process.env): OperationsConfig {
  const token = nonEmpty(env.METRICS_TOKEN);
  const metricsAccess = oneOf('METRICS_ACCESS', nonEmpty(env.METRICS_ACCESS) ?? (token ? 'token' : 'loopback'), METRICS_ACCESS_MODES);
  if (metricsAccess === 'token' && (token === null || Buffer.byteLength(token) < MIN_METRICS_TOKEN_BYTES)) {
    throw new ConfigError(`METRICS_ACCESS=token needs a METRICS_TOKEN of at least ${MIN_METRICS_TOKEN_BYTES} bytes`);
  }
  const production = env.NODE_ENV === 'production';
  return {
    metricsAccess,
    metricsToken: metricsAccess === 'token' ? token : null,
    logLevel: oneOf('LOG_LEVEL', nonEmpty(env.LOG_LEVEL) ?? 'info', LOG_LEVELS),
    logFormat: oneOf('LOG_FORMAT', nonEmpty(env.LOG_FORMAT) ?? (production ? 'json' : 'pretty'), ['json', 'pretty'] as const),
    shutdownTimeoutMs: positiveInteger('SHUTDOWN_TIMEOUT_MS', env.SHUTDOWN_TIMEOUT_MS, 10_000),
    readyMaxProjectionLag: positiveInteger('READY_MAX_PROJECTION_LAG', env.READY_MAX_PROJECTION_LAG, 1_000),
  };
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value;
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got ${value}`);
  return value as T;
}

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new ConfigError(`${name} must be a positive integer, got ${value}`);
  return parsed;
}
