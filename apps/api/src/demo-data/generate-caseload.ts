import { CASE_STATUSES, isPending, type CalendarDate, type CaseStatus } from '@app/domain';
import { AggregateRepository, type EventStore, type StreamAppend } from '@app/infra';
import { nameBasedUuid } from '../shared/ids';
import { DESTINATIONS, type Destination } from './catalogue';
import { playCase, type CaseHistory } from './case-history';
import { DECIDED_TARGETS, PENDING_TARGETS, sketchCase, TARGET_STATES, type CaseSketch, type TargetState } from './case-sketch';
import { placeCase, type TimeFrame } from './case-timeline';
import { dayNumberOf } from './day-numbers';
import { PolicyCalendar } from './policy-calendar';
import { SeededRandom } from './seeded-random';

export interface CaseloadOptions {
  readonly cases: number;
  readonly seed: number;
  /** The day the caseload is generated for (every event happens before it). */
  readonly today: CalendarDate;
  /** Exactly `count` of the cases are pending with their end user in `country` (the other cases have none there). */
  readonly pendingIn: { readonly country: string; readonly count: number } | null;
  /** Cases per append (one transaction). */
  readonly batchSize?: number;
}

export interface CaseloadReport {
  readonly cases: number;
  readonly events: number;
  readonly byStatus: Readonly<Record<CaseStatus, number>>;
  readonly pending: number;
}

/** How far back decided cases reach. */
const HISTORY_DAYS = 8 * 365;
/** About a third of the cases are pending. */
const PENDING_SHARE = 1 / 3;
const DEFAULT_BATCH = 1000;
/** Draws of a case before giving up: a frame leaving no room for any case is a usage error. */
const MAX_DRAWS = 50;

/**
 * Writes a synthetic caseload through the event store: `cases` licence applications, each an aggregate played through
 * its lifecycle (case-history.ts), appended in batches of whole cases with one multi-stream append (one transaction)
 * each. Deterministic: the same seed, options and register give the same streams, events, ids and data (the store
 * stamps `recordedAt`). Expects the register seeded as the server seeds it (generate.command.ts does that first).
 */
export async function generateCaseload(
  store: EventStore,
  options: CaseloadOptions,
  onProgress: (casesWritten: number, total: number) => void = () => undefined,
): Promise<CaseloadReport> {
  const calendar = await PolicyCalendar.load(store);
  // Every generated event gets a deterministic id, so the repository is never asked for a random one.
  const repository = new AggregateRepository(store, () => {
    throw new Error('generated events carry deterministic ids');
  });
  const today = dayNumberOf(options.today);
  const frame: TimeFrame = { today, historyDays: HISTORY_DAYS };
  const focus = options.pendingIn;
  const focusDestination = focus === null ? null : destinationOf(focus.country);
  // The other cases are pending in the share that keeps the whole caseload at about a third pending.
  const otherPendingShare =
    focus === null ? PENDING_SHARE : Math.max(0, (options.cases * PENDING_SHARE - focus.count) / Math.max(1, options.cases - focus.count));
  const byStatus = Object.fromEntries(CASE_STATUSES.map((status) => [status, 0])) as Record<CaseStatus, number>;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  let events = 0;

  const generate = async (index: number): Promise<CaseHistory> => {
    const random = SeededRandom.of(options.seed, 'case', index);
    const isFocus = focus !== null && isFocusCase(index, focus.count, options.cases);
    for (let draw = 1; ; draw += 1) {
      let sketch: CaseSketch;
      if (isFocus) sketch = sketchCase(random, random.weighted(PENDING_TARGETS), focusDestination!);
      else {
        const target = targetOf(random, index, otherPendingShare);
        // With a focus country, its pending cases are exactly the focus cases.
        const pendingElsewhere = focus !== null && PENDING_TARGETS.some(([state]) => state === target);
        sketch = sketchCase(random, target, pendingElsewhere ? drawDestination(random, focus.country) : undefined);
      }
      const submittedOn = placeCase(random, sketch, calendar, frame);
      if (submittedOn !== null) {
        const inputs = { applicationId: caseIdOf(options.seed, index), caseNumber: index, submittedOn, today };
        return playCase(random, sketch, { ...inputs, policy: await calendar.snapshot(submittedOn) }, repository);
      }
      if (draw >= MAX_DRAWS) throw new RangeError(`No room before ${options.today} for case ${index}: choose a later --today`);
    }
  };

  for (let start = 0; start < options.cases; start += batchSize) {
    const end = Math.min(options.cases, start + batchSize);
    const appends: StreamAppend[] = [];
    for (let index = start; index < end; index += 1) {
      const history = await generate(index);
      appends.push(history.append);
      byStatus[history.status] += 1;
      events += history.append.events.length;
    }
    await store.appendToStreams(appends);
    onProgress(end, options.cases);
  }
  const pending = CASE_STATUSES.filter(isPending).reduce((sum, status) => sum + byStatus[status], 0);
  return { cases: options.cases, events, byStatus, pending };
}

/** The id of a seed's case number `index`: name-based, so it sorts in no particular order (as the server's ids). */
export function caseIdOf(seed: number, index: number): string {
  return nameBasedUuid(`demo:${seed}:case:${index}`);
}

/** The focus cases are spread evenly over the case numbers (so over the log), `count` of `total`. */
export function isFocusCase(index: number, count: number, total: number): boolean {
  return Math.floor(((index + 1) * count) / total) > Math.floor((index * count) / total);
}

/** The first cases take each state in turn (so that even a tiny caseload shows every state), then by share. */
function targetOf(random: SeededRandom, index: number, pendingShare: number): TargetState {
  const inTurn = pendingShare > 0 ? TARGET_STATES : DECIDED_TARGETS.map(([state]) => state);
  if (index < inTurn.length) return inTurn[index]!;
  return random.chance(pendingShare) ? random.weighted(PENDING_TARGETS) : random.weighted(DECIDED_TARGETS);
}

function drawDestination(random: SeededRandom, except: string): Destination {
  return random.weighted(DESTINATIONS.filter((d) => d.code !== except).map((d) => [d, d.weight] as const));
}

function destinationOf(country: string): Destination {
  const destination = DESTINATIONS.find((d) => d.code === country);
  if (destination === undefined) {
    throw new RangeError(`${country} is not one of the generator's destinations (${DESTINATIONS.map((d) => d.code).join(', ')})`);
  }
  return destination;
}
