/** The EventStoreDB / KurrentDB adapter of the event-store port and its catch-up subscription. */
export {
  EsdbEventStore,
  ESDB_CONNECT_DEADLINE_MS,
  type EsdbEventStoreOptions,
  type EsdbStoreClient,
} from './esdb-event-store';
export {
  EsdbCatchUpSubscription,
  type CheckpointStore,
  type EsdbCatchUpSubscriptionOptions,
  type SubscribeToAllClient,
} from './esdb-catch-up-subscription';
export type { BackoffOptions } from './esdb-backoff';
