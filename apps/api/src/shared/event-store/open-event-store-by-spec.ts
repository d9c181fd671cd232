import { existsSync } from 'node:fs';
import path from 'node:path';
import { PostgresEventStore, redactUrl, SqliteEventStore, type EventStore } from '@app/infra';
import { connectEsdbStore } from './server-stores';
import { ConfigError, storeKind } from '../config/app-config';

/** What a store spec names: the embedded store of a data directory, or a server's connection string. */
export type EventStoreSpec =
  | { readonly kind: 'sqlite'; readonly dataDir: string }
  | { readonly kind: 'postgres' | 'esdb'; readonly url: string };

/**
 * Parses `sqlite:<dir>` (the `events.sqlite` of that data directory), `postgres://…` or `esdb://…`
 * (`kurrentdb://…`), as `cli copy` takes them.
 *
 * @throws ConfigError for anything else.
 */
export function parseEventStoreSpec(spec: string): EventStoreSpec {
  if (spec.startsWith('sqlite:')) {
    const dir = spec.slice('sqlite:'.length);
    if (dir === '') throw new ConfigError('sqlite: needs a data directory, e.g. sqlite:./data');
    return { kind: 'sqlite', dataDir: path.resolve(dir) };
  }
  const kind = storeKind(spec);
  if (kind === 'postgres' || kind === 'esdb') return { kind, url: spec };
  throw new ConfigError(`A store is sqlite:<dir>, a postgres:// or an esdb:// connection string, got ${redactUrl(spec)}`);
}

/** How a spec is shown to the operator: never with its password. */
export function describeEventStoreSpec(spec: EventStoreSpec): string {
  return spec.kind === 'sqlite' ? `sqlite:${spec.dataDir}` : redactUrl(spec.url);
}

export interface OpenBySpecOptions {
  /** Refuse to create an embedded store that does not exist yet (a copy's source must hold a log). */
  readonly mustExist?: boolean;
}

/**
 * Opens the event store a spec names, with its migrations applied. A server that does not answer is a
 * StoreUnavailableError naming it, within seconds.
 */
export async function openEventStoreBySpec(spec: string, options: OpenBySpecOptions = {}): Promise<EventStore> {
  const parsed = parseEventStoreSpec(spec);
  if (parsed.kind === 'sqlite') {
    const file = path.join(parsed.dataDir, 'events.sqlite');
    if (options.mustExist && !existsSync(file)) throw new ConfigError(`No event store at ${file}: check the sqlite: directory`);
    return SqliteEventStore.open(file);
  }
  if (parsed.kind === 'postgres') return PostgresEventStore.connect(parsed.url);
  return connectEsdbStore(parsed.url);
}
