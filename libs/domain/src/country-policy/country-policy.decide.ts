import { addDays, isCalendarDate } from '../kernel/calendar-date';
import type { FieldError } from '../kernel/domain-error';
import type { RecordCountryStatusChange } from './country-policy.commands';
import { COUNTRY_STATUS_CHANGED, type CountryStatusChanged } from './country-policy.events';
import { CountryPolicyErrors } from './country-policy.errors';
import { effectiveEntries, entryInForceOn, type CountryPolicyState } from './country-policy.state';
import { policyInForce, type CountryPolicyInForce } from './policy-snapshot';
import { isExceptionCode, isListed, isPolicyStatus, type ExceptionCode } from './policy-status';

const COUNTRY_CODE = /^[A-Z]{2}$/;
/** §126.1 paragraphs are lower-case letters in parentheses: (d), (o), (w)… */
const PARAGRAPH = /^\([a-z]{1,2}\)(\([0-9]+\))?$/;

/**
 * Decides a change to a country's §126.1 entry. Pure: the policy version and the `from` status are
 * derived from the entries already recorded.
 */
export function decideCountryStatusChange(
  state: CountryPolicyState,
  command: RecordCountryStatusChange,
): CountryStatusChanged[] {
  const errors = validate(command, state);
  if (errors.length > 0) throw CountryPolicyErrors.invalidChange(errors);

  // A correction restates the register's past, so only ordinary changes must come in effective-date order.
  const correction = command.correction ?? null;
  if (correction === null) {
    const latest = effectiveEntries(state).reduce<string | null>(
      (max, entry) => (max === null || entry.effectiveOn > max ? entry.effectiveOn : max),
      null,
    );
    if (latest !== null && command.effectiveOn < latest) {
      throw CountryPolicyErrors.outOfOrder(command.effectiveOn, latest);
    }
  }

  const before = inForceJustBefore(state, command.countryCode, command.effectiveOn);
  return [
    {
      type: COUNTRY_STATUS_CHANGED,
      data: {
        countryCode: command.countryCode,
        countryName: command.countryName,
        policyVersion: state.entries.length + 1,
        from: before.status,
        to: command.status,
        paragraph: command.paragraph,
        exceptions: [...command.exceptions],
        suspendedUntil: command.suspendedUntil,
        statusAfterSuspension: command.statusAfterSuspension,
        citation: { ...command.citation },
        effectiveOn: command.effectiveOn,
        announcedOn: command.announcedOn,
        reason: command.reason,
        unconfirmed: [...command.unconfirmed],
        exceptionsRemoved: removedExceptions(before, command),
        correction: correction === null ? null : { ...correction },
      },
    },
  ];
}

/**
 * The status and exceptions in force just before a change in log order: an entry already recorded for the same day
 * is the one just before it (22 CFR §126.1 changes can share an effective date); otherwise the day before applies,
 * so a renewal effective the day after a suspension ends starts from the suspension, not from its lapse.
 */
function inForceJustBefore(state: CountryPolicyState, countryCode: string, effectiveOn: string): CountryPolicyInForce {
  const sameDay = entryInForceOn(state, effectiveOn);
  if (sameDay !== null && sameDay.effectiveOn === effectiveOn) return policyInForce(countryCode, state, effectiveOn);
  // Validated: effectiveOn is a calendar date.
  return policyInForce(countryCode, state, addDays(effectiveOn, -1));
}

/**
 * Narrowing a Table 2 paragraph (22 CFR §126.1(d)(2)) removes exceptions while the country stays listed, as
 * 86 FR 60165 (FR Doc 2021-23450) did to Eritrea ¶(h): those exceptions are what the change removed.
 */
function removedExceptions(before: CountryPolicyInForce, command: RecordCountryStatusChange): ExceptionCode[] {
  if (before.status !== 'denial-with-exceptions' || command.status !== 'denial-with-exceptions') return [];
  return before.exceptions.filter((exception) => !command.exceptions.includes(exception));
}

function validate(command: RecordCountryStatusChange, state: CountryPolicyState): FieldError[] {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });

  if (!COUNTRY_CODE.test(command.countryCode)) fail('countryCode', 'must be an ISO 3166-1 alpha-2 code');
  if (command.countryCode === 'US') fail('countryCode', 'the United States is not a §126.1 destination');
  if (!isPolicyStatus(command.status)) fail('status', 'must be denial, denial-with-exceptions or not-listed');
  if (!isCalendarDate(command.effectiveOn)) fail('effectiveOn', 'must be a date (YYYY-MM-DD)');
  if (command.announcedOn !== null && !isCalendarDate(command.announcedOn)) {
    fail('announcedOn', 'must be a date (YYYY-MM-DD)');
  }
  if (command.reason.trim() === '') fail('reason', 'must not be empty');
  if (command.paragraph !== null && !PARAGRAPH.test(command.paragraph)) {
    fail('paragraph', 'must be a §126.1 paragraph such as (o)');
  }
  command.exceptions.forEach((code, index) => {
    if (!isExceptionCode(code)) fail(`exceptions[${index}]`, `unknown exception code ${String(code)}`);
  });
  validateCitation(command, fail);
  validateStatusShape(command, fail);
  validateCorrection(command, state, fail);
  return errors;
}

/** A correction supersedes a recorded version that nothing has superseded yet, and a withdrawal names one. */
function validateCorrection(
  command: RecordCountryStatusChange,
  state: CountryPolicyState,
  fail: (field: string, message: string) => void,
): void {
  const correction = command.correction ?? null;
  if (correction === null) return;
  if (correction.supersedes === null) {
    if (correction.withdraws) fail('correction.supersedes', 'a withdrawal names the version it withdraws');
    return;
  }
  const target = state.entries.find((entry) => entry.policyVersion === correction.supersedes);
  if (target === undefined) fail('correction.supersedes', `no policy version ${correction.supersedes} is recorded`);
  else if (!effectiveEntries(state).includes(target)) {
    fail('correction.supersedes', `policy version ${correction.supersedes} is already superseded or withdrawn`);
  }
}

function validateCitation(command: RecordCountryStatusChange, fail: (field: string, message: string) => void): void {
  const { citation } = command;
  if (!citation.frCitation && !citation.frDocument && !citation.notes) {
    fail('citation', 'needs a Federal Register citation, an FR document number or a source note');
  }
  if (citation.publishedOn !== null && !isCalendarDate(citation.publishedOn)) {
    fail('citation.publishedOn', 'must be a date (YYYY-MM-DD)');
  }
}

/** The consistency rules between status, paragraph, exceptions and suspension. */
function validateStatusShape(command: RecordCountryStatusChange, fail: (field: string, message: string) => void): void {
  const { status, exceptions, paragraph, suspendedUntil, statusAfterSuspension } = command;
  // Table 1 (§126.1(d)(1)) has no country-specific exceptions; a country outside §126.1 needs none.
  if (status !== 'denial-with-exceptions' && exceptions.length > 0) {
    fail('exceptions', `a ${status} entry carries no exceptions`);
  }
  // Table 2 (§126.1(d)(2)) entries are governed by the country's own paragraph.
  if (status === 'denial-with-exceptions' && paragraph === null) {
    fail('paragraph', 'a denial-with-exceptions entry needs its §126.1 paragraph');
  }
  const suspended = suspendedUntil !== null || statusAfterSuspension !== null;
  if (suspended && status !== 'not-listed') fail('suspendedUntil', 'only a not-listed entry can be a suspension');
  if (status === 'not-listed' && paragraph !== null && !suspended) {
    fail('paragraph', 'a country removed from §126.1 has no paragraph (unless its denial is only suspended)');
  }
  if (suspended) {
    if (suspendedUntil === null || !isCalendarDate(suspendedUntil)) {
      fail('suspendedUntil', 'a suspension needs its last day (YYYY-MM-DD)');
    } else if (isCalendarDate(command.effectiveOn) && suspendedUntil < command.effectiveOn) {
      fail('suspendedUntil', 'must not be before effectiveOn');
    }
    if (statusAfterSuspension === null || !isPolicyStatus(statusAfterSuspension) || !isListed(statusAfterSuspension)) {
      fail('statusAfterSuspension', 'a suspension needs the listed status that applies again when it ends');
    }
  }
}
