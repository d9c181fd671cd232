import { assertCount } from '../event-store.append-request';
import type { Position, ReadAllOptions } from '../event-store.port';
import { isEsdbPosition } from './esdb-position';

/** {@link ReadAllOptions} validated for `$all`: the exclusive start, the limit and the category set. */
export interface EsdbAllReadPlan {
  /** `null`: from the start of the log. */
  readonly after: Position | null;
  readonly limit: number;
  /** `null`: every category. An empty set selects nothing. */
  readonly categories: ReadonlySet<string> | null;
}

/** Validates global-log read options; `after` must be a position this adapter mints. */
export function planAllRead(options: ReadAllOptions): EsdbAllReadPlan {
  if (typeof options !== 'object' || options === null) throw new TypeError('readAll needs options with a limit');
  const { after, limit, categories } = options;
  assertCount(limit, 'limit');
  if (after !== undefined && !isEsdbPosition(after)) {
    throw new TypeError(`after is not a position: ${JSON.stringify(after)}`);
  }
  if (categories !== undefined && !Array.isArray(categories)) throw new TypeError('categories must be an array of strings');
  return { after: after ?? null, limit, categories: categories === undefined ? null : new Set(categories) };
}
