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
  /**
   * `STATE_STORE`: the PostgreSQL database (`postgres://…`) that holds the state the instances share (idempotency
   * keys, webhook subscriptions, worker leases) beside an EventStoreDB log; `null` when unset. On PostgreSQL the
   * log's own database holds it; on SQLite DATA_DIR does.
   */
  readonly stateStore: string | null;
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
    stateStore: stateStoreOf(env.STATE_STORE, eventStore),
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

/**
 * STATE_STORE, checked against EVENT_STORE. It exists for EventStoreDB, which holds only the log. On PostgreSQL the
 * log's database already holds the state: the same URL is accepted (and changes nothing), another is refused, as
 * the state would then be split from the log it belongs to. The embedded store keeps everything in DATA_DIR.
 */
function stateStoreOf(value: string | undefined, eventStore: string): string | null {
  if (value === undefined || value === '') return null;
  if (!isPostgresUrl(value)) throw new ConfigError(`STATE_STORE must be a postgres:// connection string, got ${redactUrl(value)}`);
  switch (storeKind(eventStore)) {
    case 'esdb':
      return value;
    case 'postgres':
      if (value === eventStore) return null;
      throw new ConfigError(
        `STATE_STORE (${redactUrl(value)}) differs from EVENT_STORE (${redactUrl(eventStore)}): on PostgreSQL the log's ` +
          'database holds the shared state; leave STATE_STORE unset',
      );
    default:
      throw new ConfigError(
        'STATE_STORE is only for EVENT_STORE=esdb://… (EventStoreDB): the embedded SQLite store keeps its state in ' +
          'DATA_DIR; unset STATE_STORE',
      );
  }
}

/**
 * The PostgreSQL database the instances share their state in (idempotency keys, webhook subscriptions, worker
 * leases, and the read models kept there): the log's own on PostgreSQL, STATE_STORE beside EventStoreDB, none
 * otherwise (the state is then in DATA_DIR).
 */
export function sharedStateUrl(config: Pick<AppConfig, 'eventStore' | 'stateStore'>): string | null {
  if (storeKind(config.eventStore) === 'postgres') return config.eventStore;
  return config.stateStore;
}

/** DATA_DIR, resolved (default ./data): where the SQLite files live. */
export function dataDirOf(env: NodeJS.ProcessEnv): string {
  return path.resolve(env.DATA_DIR && env.DATA_DIR !== '' ? env.DATA_DIR : './data');
}
