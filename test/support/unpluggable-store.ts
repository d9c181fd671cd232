import type { EventStore } from '@app/infra';

/**
 * Wraps the real store so a test can take it away and give it back: while unplugged every call fails as SQLite
 * does when its file cannot be read (SQLITE_IOERR), and nothing reaches the store.
 */
export class StorePlug {
  private plugged = true;

  unplug(): void {
    this.plugged = false;
  }

  plugIn(): void {
    this.plugged = true;
  }

  readonly wrap = (store: EventStore): EventStore =>
    new Proxy(store, {
      get: (target, property) => {
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (!this.plugged && property !== 'close') throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
}
