import { storeKind, type AppConfig } from '../config/app-config';
import { openSharedStatePool } from '../postgres/shared-state-pool';
import { probeEsdbStore } from './server-stores';

/**
 * Before Nest builds anything: the server stores the configuration names must answer, or the start stops with one
 * line naming the one that does not (a StoreUnavailableError, printed by main.ts without a stack trace) within
 * seconds. The PostgreSQL database goes first: beside EventStoreDB it is the state store, checked in one round
 * trip, so its line comes out whether or not the EventStoreDB server answers.
 */
export async function checkServerStore(config: AppConfig): Promise<void> {
  await (await openSharedStatePool(config, { max: 1 }))?.end();
  if (storeKind(config.eventStore) === 'esdb') await probeEsdbStore(config.eventStore);
}
