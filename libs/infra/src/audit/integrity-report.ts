/** What a verification of the log answers (GET /audit/integrity, `cli verify`). */

/**
 * - `edited`: an event's content no longer matches its hash, or a seal does not match the events it covers.
 * - `deleted`: an event is missing (a gap in a stream or in the positions, fewer events than a seal counted,
 *   or the anchored position is gone: a truncated log).
 * - `inserted`: an event that was not there when a seal was taken, or a second event at a stream's revision.
 * - `reordered`: events out of their stream's order or out of recorded-time order.
 * - `unsealed-tail`: events after the last seal; not tampering, but nothing but an anchor protects them yet.
 * - `anchor-mismatch`: the log up to the anchored position hashes differently than when the anchor was taken.
 */
export const INTEGRITY_PROBLEM_KINDS = [
  'edited',
  'deleted',
  'inserted',
  'reordered',
  'unsealed-tail',
  'anchor-mismatch',
] as const;
export type IntegrityProblemKind = (typeof INTEGRITY_PROBLEM_KINDS)[number];

export interface IntegrityProblem {
  /** Where it was found: the event's position, or where a missing one was. */
  readonly position: string;
  /** The stream and revision concerned, when known (null for a gap only the log order or a seal reveals). */
  readonly stream: string | null;
  readonly revision: number | null;
  readonly kind: IntegrityProblemKind;
  readonly detail: string;
}

export interface IntegrityReport {
  /** No problem other than an unsealed tail. */
  readonly ok: boolean;
  readonly checked: number;
  /** The position of the last seal's cut, or null when the log has no seal. */
  readonly sealedUpTo: string | null;
  readonly seals: number;
  /** The head: its position and the running log hash after it. Publish `<hash>@<position>` as an anchor. */
  readonly head: { readonly position: string | null; readonly hash: string };
  readonly problems: IntegrityProblem[];
  /** The anchor checked, if one was given: whether its position was found and its hash matched. */
  readonly anchor: { readonly position: string; readonly hash: string; readonly matches: boolean } | null;
}
