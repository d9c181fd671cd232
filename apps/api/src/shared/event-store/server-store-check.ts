import { openPostgresPool } from '@app/infra';
import { storeKind, type AppConfig } from '../config/app-config';
import { probeEsdbStore } from './server-stores';

/**
 * Before Nest builds anything: a server store named by EVENT_STORE must answer, or the start stops with one line
 * naming it (a StoreUnavailableError, printed by main.ts without a stack trace) within seconds.
 */
export async function checkServerStore(config: AppConfig): Promise<void> {
  const kind = storeKind(config.eventStore);
  if (kind === 'postgres') await (await openPostgresPool(config.eventStore, { max: 1 })).end();
  if (kind === 'esdb') await probeEsdbStore(config.eventStore);
}
