import { streamCategory, verifyLog, type EventStore, type IntegrityProblem, type Position } from '@app/infra';

/** What {@link verifyCopy} compared, and whether every comparison held. */
export interface CopyVerification {
  readonly ok: boolean;
  readonly logId: { readonly source: string; readonly target: string };
  readonly events: { readonly source: number; readonly target: number };
  /** Every category of either log with its event count on each side. */
  readonly categories: readonly { readonly category: string; readonly source: number; readonly target: number }[];
  readonly streams: number;
  /** Streams whose revision or last hash differ (or that one side lacks), the first {@link MAX_LISTED}. */
  readonly streamMismatches: readonly StreamMismatch[];
  readonly streamMismatchCount: number;
  /** The audit verifier's run over the target: every stream's hash chain and every seal. */
  readonly targetChains: { readonly ok: boolean; readonly checked: number; readonly problems: readonly IntegrityProblem[] };
}

export interface StreamMismatch {
  readonly stream: string;
  readonly source: StreamHead | null;
  readonly target: StreamHead | null;
}

interface StreamHead {
  readonly revision: string;
  readonly hash: string;
}

interface LogSummary {
  events: number;
  readonly categories: Map<string, number>;
  readonly streams: Map<string, StreamHead>;
}

const MAX_LISTED = 20;
const PAGE_SIZE = 1000;

/**
 * Checks a copy against its source, reading both logs once more: the log ids, the event count of every category,
 * every stream's revision and last hash (with valid chains, equal last hashes mean equal streams, event by event),
 * and the target's hash chains and seals with the audit verifier. Holds one entry per stream in memory.
 *
 * @param sourceHead the source position the copy went up to: later events of the source are not compared.
 * @param onProgress events read so far, over the three reads (about three times the log's length in all).
 */
export async function verifyCopy(
  source: EventStore,
  target: EventStore,
  sourceHead: Position | null,
  onProgress: (checked: number) => void = () => undefined,
): Promise<CopyVerification> {
  // Three reads (the source, the target, the target's chains): progress counts the events of all three.
  const from = await summarise(source, sourceHead, onProgress);
  const to = await summarise(target, await target.lastPosition(), (read) => onProgress(from.events + read));
  const chains = await verifyLog(target, { onProgress: (read) => onProgress(from.events + to.events + read) });
  const problems = chains.problems.filter((problem) => problem.kind !== 'unsealed-tail');

  const categories = [...new Set([...from.categories.keys(), ...to.categories.keys()])]
    .sort()
    .map((category) => ({ category, source: from.categories.get(category) ?? 0, target: to.categories.get(category) ?? 0 }));
  const mismatches: StreamMismatch[] = [];
  for (const stream of new Set([...from.streams.keys(), ...to.streams.keys()])) {
    const a = from.streams.get(stream) ?? null;
    const b = to.streams.get(stream) ?? null;
    if (a === null || b === null || a.revision !== b.revision || a.hash !== b.hash) mismatches.push({ stream, source: a, target: b });
  }
  const logId = { source: await source.logId(), target: await target.logId() };
  return {
    ok:
      logId.source === logId.target &&
      from.events === to.events &&
      categories.every((category) => category.source === category.target) &&
      mismatches.length === 0 &&
      chains.ok,
    logId,
    events: { source: from.events, target: to.events },
    categories,
    streams: from.streams.size,
    streamMismatches: mismatches.slice(0, MAX_LISTED),
    streamMismatchCount: mismatches.length,
    targetChains: { ok: chains.ok, checked: chains.checked, problems: problems.slice(0, MAX_LISTED) },
  };
}

/** Counts by category and each stream's last revision and hash, up to `head` inclusive. */
async function summarise(store: EventStore, head: Position | null, onProgress: (read: number) => void): Promise<LogSummary> {
  const summary: LogSummary = { events: 0, categories: new Map(), streams: new Map() };
  let after: Position | undefined;
  while (head !== null) {
    const page = await store.readAll({ ...(after === undefined ? {} : { after }), limit: PAGE_SIZE });
    const within = page.filter((event) => store.comparePositions(event.position, head) <= 0);
    for (const event of within) {
      const category = streamCategory(event.streamName);
      summary.categories.set(category, (summary.categories.get(category) ?? 0) + 1);
      summary.streams.set(event.streamName, { revision: event.revision.toString(), hash: event.hash });
    }
    summary.events += within.length;
    onProgress(summary.events);
    if (page.length < PAGE_SIZE || within.length < page.length) break;
    after = page[page.length - 1].position;
  }
  return summary;
}
