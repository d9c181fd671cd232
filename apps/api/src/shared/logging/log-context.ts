import { PinoLogger } from 'nestjs-pino';
import { storage, Store } from 'nestjs-pino/storage';

/**
 * Runs `work` with `fields` on every line it logs through Nest's `Logger`, including lines of the code it calls:
 * background work (a re-evaluation run, a scheduler pass) gets its run id the way a request gets its correlation id.
 */
export function withLogContext<T>(fields: Record<string, unknown>, work: () => Promise<T>): Promise<T> {
  const parent = storage.getStore()?.logger ?? (PinoLogger.root as PinoLogger['logger'] | undefined);
  if (parent === undefined) return work();
  return storage.run(new Store(parent.child(fields)), work);
}
