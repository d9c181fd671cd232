import { StoreUnavailableError } from '../event-store/event-store.errors';
import { describePostgresError, isConnectionFailure } from './postgres-pool';

/**
 * What an adapter throws for a driver error: {@link StoreUnavailableError} naming `store` when the server could not
 * be reached or the connection was lost (the API answers 503), the error itself otherwise.
 */
export function storeUnavailableOr(error: unknown, store: string): unknown {
  return isConnectionFailure(error) ? new StoreUnavailableError(store, describePostgresError(error)) : error;
}
