import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { isPostgresUrl, redactUrl } from '@app/infra';
import { loadSubscriberConfig, type SubscriberConfig } from './subscriber-config';

export interface AppConfig {
  readonly port: number;
  readonly dataDir: string;
  readonly jwtSecret: string;
  /** True when no JWT_SECRET was given and a development secret was generated for this run. */
  readonly jwtSecretGenerated: boolean;
  /** `sqlite` (embedded default), a `postgres://…` or an `esdb://…` (EventStoreDB/KurrentDB) connection string. */
  readonly eventStore: string;
  readonly production: boolean;
  /** The event feed, SSE stream and webhooks (docs/consumers.md). */
  readonly subscribers: SubscriberConfig;
}

export class ConfigError extends Error {}

/** Minimum HS256 key length: RFC 7518 §3.2 requires a key of at least the hash size (256 bits). */
const MIN_SECRET_BYTES = 32;

/**
 * Reads the configuration from the environment. In production (`NODE_ENV=production`) a JWT_SECRET is
 * mandatory; in development one is generated (and printed by main.ts with how to mint tokens).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const production = env.NODE_ENV === 'production';
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be 0–65535, got ${env.PORT}`);

  const given = env.JWT_SECRET;
  if (production && !given) {
    throw new ConfigError('JWT_SECRET is required when NODE_ENV=production; refusing to start');
  }
  if (given !== undefined && Buffer.byteLength(given) < MIN_SECRET_BYTES) {
    throw new ConfigError(`JWT_SECRET must be at least ${MIN_SECRET_BYTES} bytes for HS256`);
  }

  const eventStore = env.EVENT_STORE && env.EVENT_STORE !== '' ? env.EVENT_STORE : 'sqlite';
  if (storeKind(eventStore) === null) {
    throw new ConfigError(
      `EVENT_STORE must be "sqlite", a postgres:// or an esdb:// (kurrentdb://) connection string, got ${redactUrl(eventStore)}`,
    );
  }

  return {
    port,
    dataDir: dataDirOf(env),
    jwtSecret: given ?? randomBytes(MIN_SECRET_BYTES).toString('base64url'),
    jwtSecretGenerated: given === undefined,
    eventStore,
    production,
    subscribers: loadSubscriberConfig(env, port),
  };
}

export type StoreKind = 'sqlite' | 'postgres' | 'esdb';

/** Which adapter an EVENT_STORE value selects, or `null` when it names none. */
export function storeKind(eventStore: string): StoreKind | null {
  if (eventStore === 'sqlite') return 'sqlite';
  if (isPostgresUrl(eventStore)) return 'postgres';
  if (/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kdb|kdb\+discover):\/\//.test(eventStore)) return 'esdb';
  return null;
}

/** DATA_DIR, resolved (default ./data): where the SQLite files live. */
export function dataDirOf(env: NodeJS.ProcessEnv): string {
  return path.resolve(env.DATA_DIR && env.DATA_DIR !== '' ? env.DATA_DIR : './data');
}
