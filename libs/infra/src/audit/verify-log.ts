import {
  AUDIT_SEAL_STREAM,
  GENESIS_LOG_HASH,
  nextLogHash,
  sealDataOf,
  type Anchor,
  type AuditSealData,
} from '../event-store/audit-seal';
import { eventHash, GENESIS_HASH } from '../event-store/event-hash';
import type { EventStore, Position, RecordedEvent } from '../event-store/event-store.port';
import type { IntegrityProblem, IntegrityProblemKind, IntegrityReport } from './integrity-report';

export interface VerifyLogOptions {
  /** An anchor taken earlier: the log must still hash to it at its position. */
  readonly anchor?: Anchor;
  /** The store mints positions 1, 2, 3… without gaps (SQLite, in-memory): a missing number is a deleted event. */
  readonly contiguousPositions?: boolean;
  /** Called after each page: events checked, and the head's sequence when positions are contiguous. */
  readonly onProgress?: (checked: number, total: number | null) => void;
  readonly pageSize?: number;
  /** Awaited between pages so a server keeps answering; default: one turn of the event loop. */
  readonly pause?: () => Promise<void>;
}

interface StreamState {
  next: bigint;
  lastHash: string;
  lastPosition: bigint | null;
}

interface PendingEvent {
  readonly id: string;
  readonly position: string;
  readonly stream: string;
  readonly revision: bigint;
  readonly hash: string;
  readonly recordedAt: string;
}

/** Caps what a badly damaged log can make the verifier hold or report. */
const MAX_TRACKED_GAPS = 10_000;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Checks every stream's chain, every seal and (optionally) an anchor, reading the log once in position order through
 * the port, a page at a time, yielding between pages. Adapter-agnostic; see docs/audit.md for what each check proves.
 */
export async function verifyLog(store: EventStore, options: VerifyLogOptions = {}): Promise<IntegrityReport> {
  const verifier = new LogVerifier(store, options);
  const head = await store.lastPosition();
  const total = options.contiguousPositions && head !== null ? Number(head) : null;
  const pageSize = options.pageSize ?? 500;
  let after: Position | undefined;
  for (;;) {
    const page = await store.readAll({ ...(after ? { after } : {}), limit: pageSize });
    const within = head === null ? [] : page.filter((event) => store.comparePositions(event.position, head) <= 0);
    for (const event of within) verifier.check(event);
    options.onProgress?.(verifier.checked, total);
    if (page.length < pageSize || within.length < page.length) break;
    after = page[page.length - 1].position;
    await (options.pause ?? yieldToLoop)();
  }
  return verifier.finish();
}

class LogVerifier {
  checked = 0;
  private readonly problems: IntegrityProblem[] = [];
  private readonly streams = new Map<string, StreamState>();
  /** Revisions reported deleted, by `stream#revision`, in case they turn up later (then they were reordered). */
  private readonly missing = new Map<string, IntegrityProblem>();
  private readonly gaps: bigint[] = [];
  private previousSequence = 0n;
  private logHash = GENESIS_LOG_HASH;
  private lastPosition: string | null = null;
  /** The last seal's claims, which the next seal's range is checked from. */
  private base: { count: number; logHash: string; cut: string | null } = { count: 0, logHash: GENESIS_LOG_HASH, cut: null };
  private pending: PendingEvent[] = [];
  private sealedUpTo: string | null = null;
  private seals = 0;
  private anchorResult: IntegrityReport['anchor'] = null;
  private anchorSettled: boolean;

  constructor(
    private readonly store: EventStore,
    private readonly options: VerifyLogOptions,
  ) {
    this.anchorSettled = options.anchor === undefined;
  }

  check(event: RecordedEvent): void {
    this.checked += 1;
    if (this.options.contiguousPositions) this.trackGaps(BigInt(event.position));
    this.checkChain(event);
    this.logHash = nextLogHash(this.logHash, event.hash);
    this.lastPosition = event.position;
    this.pending.push({
      id: event.id,
      position: event.position,
      stream: event.streamName,
      revision: event.revision,
      hash: event.hash,
      recordedAt: event.recordedAt,
    });
    this.checkAnchor(event.position);
    if (event.streamName === AUDIT_SEAL_STREAM) this.checkSeal(event);
  }

  finish(): IntegrityReport {
    for (const gap of this.gaps) {
      this.add({ position: gap.toString(), stream: null, revision: null, kind: 'deleted', detail: 'no event at this position' });
    }
    const tail = this.pending.filter((event) => event.stream !== AUDIT_SEAL_STREAM);
    if (tail.length > 0) {
      const first = tail[0];
      this.add({
        position: first.position,
        stream: first.stream,
        revision: Number(first.revision),
        kind: 'unsealed-tail',
        detail: `${tail.length} event(s) after the last seal; only an anchor protects them until the next seal`,
      });
    }
    const anchor = this.options.anchor;
    if (anchor !== undefined && !this.anchorSettled) {
      this.add({ position: anchor.position, stream: null, revision: null, kind: 'deleted', detail: 'the log ends before the anchored position: it was truncated' });
      this.anchorResult = { ...anchor, matches: false };
    }
    const problems = [...this.problems].sort((a, b) => this.comparePlaces(a.position, b.position));
    return {
      ok: problems.every((problem) => problem.kind === 'unsealed-tail'),
      checked: this.checked,
      sealedUpTo: this.sealedUpTo,
      seals: this.seals,
      head: { position: this.lastPosition, hash: this.logHash },
      problems,
      anchor: this.anchorResult,
    };
  }

  private checkChain(event: RecordedEvent): void {
    const stream = this.streams.get(event.streamName) ?? { next: 0n, lastHash: GENESIS_HASH, lastPosition: null };
    this.streams.set(event.streamName, stream);
    const sequence = this.options.contiguousPositions ? BigInt(event.position) : null;
    if (event.revision === stream.next) {
      const expected = eventHash(stream.lastHash, {
        ...event,
        dataJson: JSON.stringify(event.data),
        metadataJson: JSON.stringify(event.metadata),
      });
      if (expected !== event.hash) this.report(event, 'edited', 'the content does not match its hash or its link to the previous event');
    } else if (event.revision > stream.next) {
      for (let revision = stream.next; revision < event.revision; revision++) {
        const position = this.takeGapBetween(stream.lastPosition, sequence) ?? event.position;
        const problem = this.add({
          position,
          stream: event.streamName,
          revision: Number(revision),
          kind: 'deleted',
          detail: `revision ${revision} of the stream is missing`,
        });
        this.missing.set(`${event.streamName}#${revision}`, problem);
      }
    } else {
      const key = `${event.streamName}#${event.revision}`;
      const missing = this.missing.get(key);
      if (missing !== undefined) {
        this.missing.delete(key);
        const index = this.problems.indexOf(missing);
        if (index !== -1) this.problems.splice(index, 1);
        this.report(event, 'reordered', `revision ${event.revision} comes after revision ${stream.next - 1n} in the log`);
      } else {
        this.report(event, 'inserted', `a second event at revision ${event.revision} of the stream`);
      }
      return;
    }
    stream.next = event.revision + 1n;
    stream.lastHash = event.hash;
    stream.lastPosition = sequence;
  }

  /** A seal covers the events since the previous seal's cut: their count and their hashes folded from its hash. */
  private checkSeal(event: RecordedEvent): void {
    this.seals += 1;
    const seal = sealDataOf(event);
    if (seal === null) {
      this.report(event, 'edited', 'a seal whose payload is not a seal');
      return;
    }
    const cut = this.pending.findIndex((pending) => pending.id === seal.sealedUpToEventId);
    const range = cut === -1 ? [] : this.pending.slice(0, cut + 1);
    this.sealedUpTo = seal.sealedUpTo;
    if (cut === -1) {
      this.add({ position: seal.sealedUpTo, stream: null, revision: null, kind: 'deleted', detail: `the event seal ${event.position} ends on is missing` });
      // Start the next seal's range after this seal's cut, so one deletion is not reported again by every later seal.
      this.pending = this.pending.filter((pending) => !this.inRange(pending.position, seal.sealedUpTo));
    } else {
      this.checkSealRange(seal, range, event.position);
      this.pending = this.pending.slice(cut + 1);
    }
    this.base = { count: seal.eventCount, logHash: seal.logHash, cut: seal.sealedUpTo };
  }

  private checkSealRange(seal: AuditSealData, range: readonly PendingEvent[], sealPosition: string): void {
    const expectedCount = seal.eventCount - this.base.count;
    const folded = range.reduce((hash, event) => nextLogHash(hash, event.hash), this.base.logHash);
    if (folded === seal.logHash && range.length === expectedCount) return;
    // A problem already named inside the range explains the mismatch; do not report it twice.
    const last = range[range.length - 1]?.position ?? seal.sealedUpTo;
    const explained = this.problems.some((problem) => problem.kind !== 'unsealed-tail' && this.inRange(problem.position, last));
    if (explained) return;
    const first = range[0];
    const where = (event: PendingEvent | undefined, fallback: string) => ({
      position: event?.position ?? fallback,
      stream: event?.stream ?? null,
      revision: event === undefined ? null : Number(event.revision),
    });
    if (range.length > expectedCount) {
      const forged = this.findInserted(range, seal);
      this.add({ ...where(forged ?? first, seal.sealedUpTo), kind: 'inserted', detail: `seal ${sealPosition} counted ${expectedCount} event(s) here, the log holds ${range.length}` });
    } else if (range.length < expectedCount) {
      const gap = this.gaps.find((candidate) => this.inRange(candidate.toString(), last));
      this.add({ ...where(undefined, gap?.toString() ?? seal.sealedUpTo), kind: 'deleted', detail: `seal ${sealPosition} counted ${expectedCount} event(s) up to here, the log holds ${range.length}` });
    } else {
      // Stores record non-decreasing recorded times in log order: the event before the first one recorded earlier
      // than its predecessor is the one moved ahead.
      const moved = range.findIndex((event, index) => index > 0 && event.recordedAt < range[index - 1].recordedAt);
      if (moved !== -1) {
        this.add({ ...where(range[moved - 1], seal.sealedUpTo), kind: 'reordered', detail: `seal ${sealPosition} does not match: this event was moved ahead of events recorded before it` });
      } else {
        this.add({ ...where(first, seal.sealedUpTo), kind: 'edited', detail: `seal ${sealPosition} does not match the events it covers: one was changed and rehashed, or moved` });
      }
    }
  }

  /** The one event whose removal makes the range hash to the seal's, if there is exactly such one. */
  private findInserted(range: readonly PendingEvent[], seal: AuditSealData): PendingEvent | undefined {
    if (range.length !== seal.eventCount - this.base.count + 1) return undefined;
    return range.find((candidate) => {
      const folded = range.reduce((hash, event) => (event === candidate ? hash : nextLogHash(hash, event.hash)), this.base.logHash);
      return folded === seal.logHash;
    });
  }

  private checkAnchor(position: string): void {
    const anchor = this.options.anchor;
    if (anchor === undefined || this.anchorSettled) return;
    const order = this.store.comparePositions(position as Position, anchor.position as Position);
    if (order < 0) return;
    this.anchorSettled = true;
    if (order === 0) {
      const matches = this.logHash === anchor.hash;
      this.anchorResult = { ...anchor, matches };
      if (!matches) {
        this.add({ position, stream: null, revision: null, kind: 'anchor-mismatch', detail: 'the log up to the anchored position no longer hashes to the anchor: it was rewritten' });
      }
    } else {
      this.anchorResult = { ...anchor, matches: false };
      this.add({ position: anchor.position, stream: null, revision: null, kind: 'deleted', detail: 'the anchored event is gone' });
    }
  }

  private trackGaps(sequence: bigint): void {
    for (let missing = this.previousSequence + 1n; missing < sequence && this.gaps.length < MAX_TRACKED_GAPS; missing++) {
      this.gaps.push(missing);
    }
    if (sequence > this.previousSequence) this.previousSequence = sequence;
  }

  /** Claims the first position gap after `from` and before `to`, attributing it to a stream's missing revision. */
  private takeGapBetween(from: bigint | null, to: bigint | null): string | null {
    if (to === null) return null;
    const index = this.gaps.findIndex((gap) => (from === null || gap > from) && gap < to);
    if (index === -1) return null;
    const [gap] = this.gaps.splice(index, 1);
    return gap.toString();
  }

  private report(event: RecordedEvent, kind: IntegrityProblemKind, detail: string): void {
    this.add({ position: event.position, stream: event.streamName, revision: Number(event.revision), kind, detail });
  }

  /** Adds a problem once per position and kind; a later finding that names the stream replaces a vaguer one. */
  private add(problem: IntegrityProblem): IntegrityProblem {
    const index = this.problems.findIndex((known) => known.position === problem.position && known.kind === problem.kind);
    if (index === -1) {
      this.problems.push(problem);
      return problem;
    }
    if (this.problems[index].stream === null && problem.stream !== null) this.problems[index] = problem;
    return this.problems[index];
  }

  /** Whether `position` lies after the previous seal's cut and at or before `last`. */
  private inRange(position: string, last: string): boolean {
    if (!this.store.isPosition(position) || !this.store.isPosition(last)) return false;
    const afterCut = this.base.cut === null || !this.store.isPosition(this.base.cut) || this.store.comparePositions(position, this.base.cut) > 0;
    return afterCut && this.store.comparePositions(position, last) <= 0;
  }

  private comparePlaces(a: string, b: string): number {
    return this.store.isPosition(a) && this.store.isPosition(b) ? this.store.comparePositions(a, b) : a.localeCompare(b);
  }
}
