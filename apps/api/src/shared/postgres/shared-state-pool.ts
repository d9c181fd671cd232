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
    if (error instanceof StoreUnavailableError && storeKind(config.eventStore) !== 'postgres') {
      throw new StateStoreUnavailableError(error.store, error.reason);
    }
    throw error;
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
  const reason = describePostgresError(error);
  return storeKind(config.eventStore) === 'postgres'
    ? new StoreUnavailableError(redactUrl(url), reason)
    : new StateStoreUnavailableError(redactUrl(url), reason);
}
