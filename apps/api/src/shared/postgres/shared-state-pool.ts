import type { Pool } from 'pg';
import { describePostgresError, isConnectionFailure, openPostgresPool, redactUrl, StoreUnavailableError, type PostgresPoolOptions } from '@app/infra';
import { sharedStateUrl, storeKind, type AppConfig } from '../config/app-config';

/**
 * STATE_STORE did not answer. Still a {@link StoreUnavailableError} (main.ts prints it as one line), but naming the
 * state store rather than the event store, so the operator fixes the right URL.
 */
export class StateStoreUnavailableError extends StoreUnavailableError {
  constructor(store: string, reason: string) {
    super(store, reason);
    this.message = `The state store (STATE_STORE) ${store} is unavailable: ${reason}`;
  }
}

/**
 * A pool on the database that holds the instances' shared state ({@link sharedStateUrl}), checked to answer, or
 * `null` when there is none. A state store beside EventStoreDB that fails is reported as such.
 */
export async function openSharedStatePool(config: AppConfig, options: PostgresPoolOptions = {}): Promise<Pool | null> {
  const url = sharedStateUrl(config);
  if (url === null) return null;
  try {
    return await openPostgresPool(url, options);
  } catch (error) {
    throw error instanceof StoreUnavailableError ? unavailable(config, error.store, error.reason) : error;
  }
}

/**
 * What a reader of the shared state throws for a driver error: a {@link StoreUnavailableError} naming the database
 * (the event store's, or STATE_STORE beside EventStoreDB) when the connection failed, so the API answers 503 with
 * Retry-After; the error itself otherwise.
 */
export function sharedStateErrorOr(config: AppConfig, error: unknown): unknown {
  const url = sharedStateUrl(config);
  if (url === null || !isConnectionFailure(error)) return error;
  return unavailable(config, redactUrl(url), describePostgresError(error));
}

/** The shared database did not answer: named as the event store on PostgreSQL, as STATE_STORE beside EventStoreDB. */
function unavailable(config: AppConfig, store: string, reason: string): StoreUnavailableError {
  return storeKind(config.eventStore) === 'postgres' ? new StoreUnavailableError(store, reason) : new StateStoreUnavailableError(store, reason);
}
