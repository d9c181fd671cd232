import { addYears, validityRuleFor, type LicenceType } from '@app/domain';
import type { CaseSketch, TargetState, Term } from './case-sketch';
import { dateOf, dayNumberOf, type DayNumber } from './day-numbers';
import type { PolicyCalendar } from './policy-calendar';
import type { SeededRandom } from './seeded-random';

/** The generated history's time frame: decided cases reach back `historyDays` before `today`. */
export interface TimeFrame {
  /** The day the data is generated for: every event happens before it (a licence may expire on it). */
  readonly today: DayNumber;
  readonly historyDays: number;
}

/** Cases still open today: pending, or a licence still live (approved or suspended, within its term). */
const OPEN_TARGETS: ReadonlySet<TargetState> = new Set(['submitted', 'under-review', 'referred', 'approved', 'suspended']);

/**
 * Picks the day a sketched case was submitted, so that its history ends in its target state today and is one the
 * server could have recorded: no §126.1 change of one of its countries comes into force while the case is pending
 * or its licence live, because that change's re-evaluation run would have recorded events on it. A case open today
 * is submitted on or after its countries' last change; a closed one is moved back until it closed before the change.
 * Answers null when the frame leaves no room (the caller draws another case).
 */
export function placeCase(random: SeededRandom, sketch: CaseSketch, calendar: PolicyCalendar, frame: TimeFrame): DayNumber | null {
  const countries = [...new Set(sketch.parties.map((party) => party.country))];
  const lastDay = frame.today - 1;
  const duration = sketch.steps.at(-1)?.day ?? 0;
  let lo = lastDay - frame.historyDays;
  let hi = lastDay - duration;
  const approval = sketch.steps.find((step) => step.kind === 'approve');
  if (OPEN_TARGETS.has(sketch.target)) {
    if (approval === undefined) lo = Math.max(lo, hi - sketch.waitDays);
    else lo = Math.max(lo, firstApprovalStillLive(sketch.licenceType, approval.term, frame.today) - approval.day);
    const lastChange = calendar.lastChangeUntil(countries, frame.today);
    if (lastChange !== null) lo = Math.max(lo, lastChange);
  } else if (sketch.target === 'expired' && approval !== undefined) {
    hi = Math.min(hi, firstApprovalStillLive(sketch.licenceType, approval.term, frame.today) - approval.day - 1);
  }
  if (lo > hi) return null;
  let submittedOn = lo + random.int(0, hi - lo);
  if (OPEN_TARGETS.has(sketch.target)) return submittedOn;

  // A closed case ends on its last step (an expired licence on its expiry): move it back until it ended before the
  // change it spanned. Each move goes back past one change day, so this ends.
  for (;;) {
    const end = closedOn(sketch, submittedOn);
    const change = calendar.firstChangeBetween(countries, submittedOn, end);
    if (change === null) return submittedOn;
    submittedOn -= end - change + 1;
  }
}

/** The last valid day of a licence approved on `approvedOn` (licence-validity.rule.ts). */
export function validUntilOf(licenceType: LicenceType, term: Term, approvedOn: DayNumber): DayNumber {
  if (term.kind === 'days') return approvedOn + term.days;
  return dayNumberOf(addYears(dateOf(approvedOn), validityRuleFor(licenceType).maximumYears ?? 0));
}

/** The earliest approval day whose licence is still valid today. */
function firstApprovalStillLive(licenceType: LicenceType, term: Term, today: DayNumber): DayNumber {
  if (term.kind === 'days') return today - term.days;
  let approvedOn = dayNumberOf(addYears(dateOf(today), -(validityRuleFor(licenceType).maximumYears ?? 0)));
  // addYears clamps 29 February: step to the exact day.
  while (validUntilOf(licenceType, term, approvedOn) < today) approvedOn += 1;
  while (validUntilOf(licenceType, term, approvedOn - 1) >= today) approvedOn -= 1;
  return approvedOn;
}

/** The day a closed case stops being open: its last step, or the expiry of its licence. */
function closedOn(sketch: CaseSketch, submittedOn: DayNumber): DayNumber {
  const approval = sketch.steps.find((step) => step.kind === 'approve');
  if (sketch.target === 'expired' && approval !== undefined) {
    return validUntilOf(sketch.licenceType, approval.term, submittedOn + approval.day) + 1;
  }
  return submittedOn + (sketch.steps.at(-1)?.day ?? 0);
}
