import { assertCount, assertRevisionBound, normaliseInstant } from './event-store.append-request';
import type { ReadAllOptions, ReadStreamOptions } from './event-store.port';
import { isDecimalPosition, positionSequence } from './decimal-position';

/**
 * Read options validated and normalised once, so each adapter only translates them into its own query.
 */

/** {@link ReadStreamOptions} resolved into an inclusive revision window and a clean filter. */
export interface StreamReadPlan {
  readonly backwards: boolean;
  /** Lowest revision to read, inclusive. */
  readonly minRevision: bigint;
  /** Highest revision to read, inclusive; `null`: unbounded. */
  readonly maxRevision: bigint | null;
  /** Inclusive upper bound on `recordedAt`, normalised to `toISOString()` form; `null`: unbounded. */
  readonly recordedUntil: string | null;
  /** `null`: no limit. */
  readonly maxCount: number | null;
}

/** {@link ReadAllOptions} validated: exclusive start sequence (0 = from the beginning), limit, category set. */
export interface AllReadPlan {
  readonly afterSequence: bigint;
  readonly limit: number;
  /** `null`: every category. An empty array selects nothing. */
  readonly categories: readonly string[] | null;
}

/**
 * Resolves stream read options. Forwards, `fromRevision` is the lowest revision read; backwards it is the highest
 * (the port's convention), and `toRevision` caps the revision in both directions ("the stream as of revision N").
 */
export function planStreamRead(options: ReadStreamOptions = {}): StreamReadPlan {
  const { direction = 'forwards', fromRevision, toRevision, recordedUntil, maxCount } = options;
  if (direction !== 'forwards' && direction !== 'backwards') {
    throw new RangeError(`direction must be 'forwards' or 'backwards', got ${String(direction)}`);
  }
  if (fromRevision !== undefined) assertRevisionBound(fromRevision, 'fromRevision');
  if (toRevision !== undefined) assertRevisionBound(toRevision, 'toRevision');
  if (maxCount !== undefined) assertCount(maxCount, 'maxCount');

  const backwards = direction === 'backwards';
  let minRevision = 0n;
  let maxRevision: bigint | null = toRevision ?? null;
  if (fromRevision !== undefined && !backwards) minRevision = fromRevision;
  if (fromRevision !== undefined && backwards) {
    maxRevision = maxRevision === null || fromRevision < maxRevision ? fromRevision : maxRevision;
  }
  return {
    backwards,
    minRevision,
    maxRevision,
    recordedUntil: recordedUntil === undefined ? null : normaliseInstant(recordedUntil, 'recordedUntil'),
    maxCount: maxCount ?? null,
  };
}

/** Resolves global-log read options; `after` must be a position this store format could have minted. */
export function planAllRead(options: ReadAllOptions): AllReadPlan {
  if (typeof options !== 'object' || options === null) throw new TypeError('readAll needs options with a limit');
  const { after, limit, categories } = options;
  assertCount(limit, 'limit');
  if (after !== undefined && !isDecimalPosition(after)) {
    throw new TypeError(`after is not a position: ${JSON.stringify(after)}`);
  }
  if (categories !== undefined && !Array.isArray(categories)) {
    throw new TypeError('categories must be an array of strings');
  }
  return {
    afterSequence: after === undefined ? 0n : positionSequence(after),
    limit,
    categories: categories === undefined ? null : [...new Set(categories)],
  };
}
