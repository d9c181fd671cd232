/**
 * Builders for the §126.1 seed, so that each Federal Register action on a country is one short step that can be
 * checked against the rule. TypeScript rather than a data file: statuses, exception codes and `unconfirmed` field
 * names are type-checked, and the checks below run when the module loads, so a malformed entry fails every test.
 *
 * - A key is `<ISO>-<effective date>-<slug>`. The change's country and `effectiveOn` are read from it, so the date is
 *   written once. A published key never changes: a wrong date is fixed by a correction with a new key.
 * - A citation names only the parts the sources give; the others are null.
 * - Omitted `announcedOn` is null, omitted `unconfirmed` is empty.
 */
import { isCalendarDate, type CalendarDate } from '../../kernel/calendar-date';
import type { Citation } from '../citation';
import type { RecordCountryStatusChange } from '../country-policy.commands';
import type { ExceptionCode } from '../policy-status';
import type { SeedChange } from './seed-change';

/** The command fields a change may flag as unconfirmed (tagged [M] in the notes, inferred, or not found). */
export const UNCONFIRMED_FIELDS = [
  'effectiveOn',
  'status',
  'paragraph',
  'exceptions',
  'suspendedUntil',
  'statusAfterSuspension',
  'announcedOn',
  'citation.frCitation',
  'citation.frDocument',
  'citation.publishedOn',
] as const;
export type UnconfirmedField = (typeof UNCONFIRMED_FIELDS)[number];

/** Where a change leaves the country: its status, §126.1 paragraph, exceptions and any suspension. */
export type Standing = Pick<
  RecordCountryStatusChange,
  'status' | 'paragraph' | 'exceptions' | 'suspendedUntil' | 'statusAfterSuspension'
>;

/** What a rule says besides the standing, and what of it is unconfirmed. */
export interface Action {
  readonly citation: Partial<Citation>;
  readonly reason: string;
  readonly announcedOn?: CalendarDate;
  readonly unconfirmed?: readonly UnconfirmedField[];
}

/** A rule that puts the country in `standing`. */
export interface StatusAction extends Action {
  readonly standing: Standing;
}

/** Table 1 (§126.1(d)(1)), or a plain policy of denial before the tables existed. */
export const TABLE_1: Standing = {
  status: 'denial',
  paragraph: null,
  exceptions: [],
  suspendedUntil: null,
  statusAfterSuspension: null,
};

/** Not in §126.1: licences are reviewed case by case. */
export const NOT_LISTED: Standing = { ...TABLE_1, status: 'not-listed' };

/** Table 2 (§126.1(d)(2)) under the country's own paragraph: denial except the given end uses. */
export function table2(paragraph: string, ...exceptions: ExceptionCode[]): Standing {
  return { status: 'denial-with-exceptions', paragraph, exceptions, suspendedUntil: null, statusAfterSuspension: null };
}

/** The denial of `listed` suspended through `until`: not listed until then, `listed` again after unless renewed. */
export function suspended(until: CalendarDate, listed: Standing): Standing {
  const { paragraph, status: statusAfterSuspension } = listed;
  return { status: 'not-listed', paragraph, exceptions: [], suspendedUntil: until, statusAfterSuspension };
}

/** A full citation from the parts the sources give, in the register's field order. */
export function citation(parts: Partial<Citation>): Citation {
  const { frCitation = null, frDocument = null, publishedOn = null, title = null, notes = null } = parts;
  if (publishedOn !== null) checkDate(publishedOn, `citation ${frDocument ?? frCitation ?? notes}`);
  return { frCitation, frDocument, publishedOn, title, notes };
}

const KEY = /^([A-Z]{2})-(\d{4}-\d{2}-\d{2})-[a-z0-9-]+$/;

/** The country code and effective date a seed key carries. */
export function keyParts(key: string): { readonly countryCode: string; readonly effectiveOn: CalendarDate } {
  const match = KEY.exec(key);
  if (!match) throw new Error(`Seed key ${key} is not <ISO>-<YYYY-MM-DD>-<slug>`);
  checkDate(match[2]!, key);
  return { countryCode: match[1]!, effectiveOn: match[2]! };
}

function checkDate(date: CalendarDate, where: string): void {
  if (!isCalendarDate(date)) throw new Error(`${where}: ${date} is not a calendar date`);
}

/** The change `key` records for `countryName`, with the defaults above. */
export function statusChange(key: string, countryName: string, action: StatusAction): RecordCountryStatusChange {
  const { countryCode, effectiveOn } = keyParts(key);
  const { standing, announcedOn = null, unconfirmed = [] } = action;
  if (announcedOn !== null) checkDate(announcedOn, key);
  if (action.reason.trim() === '') throw new Error(`Seed change ${key} gives no reason`);
  return {
    countryCode,
    countryName,
    ...standing,
    citation: citation(action.citation),
    effectiveOn,
    announcedOn,
    reason: action.reason,
    unconfirmed,
  };
}

/** One country's history, in the order of its effective dates. */
export class CountryHistory {
  private readonly recorded: SeedChange[] = [];

  constructor(
    readonly countryCode: string,
    readonly countryName: string,
  ) {}

  get changes(): readonly SeedChange[] {
    return this.recorded;
  }

  /** A rule that puts the country in `action.standing`. */
  change(key: string, action: StatusAction): this {
    const change = statusChange(key, this.countryName, action);
    if (change.countryCode !== this.countryCode) throw new Error(`Seed key ${key} is not a change of ${this.countryCode}`);
    const previous = this.recorded.at(-1)?.change;
    if (previous && change.effectiveOn < previous.effectiveOn) throw new Error(`Seed change ${key} is out of order`);
    this.recorded.push({ key, change });
    return this;
  }

  /** A rule that amends the country's paragraph without changing its standing in the register. */
  amended(key: string, action: Action): this {
    const previous = this.recorded.at(-1)?.change;
    if (!previous) throw new Error(`Seed change ${key} amends nothing: ${this.countryCode} has no earlier change`);
    const { status, paragraph, exceptions, suspendedUntil, statusAfterSuspension } = previous;
    return this.change(key, { ...action, standing: { status, paragraph, exceptions, suspendedUntil, statusAfterSuspension } });
  }
}

export function country(countryCode: string, countryName: string): CountryHistory {
  return new CountryHistory(countryCode, countryName);
}

/** The histories in order, refusing a country given twice or a key used twice. */
export function histories(...countries: readonly CountryHistory[]): readonly SeedChange[] {
  const codes = countries.map((history) => history.countryCode);
  const duplicate = codes.find((code, index) => codes.indexOf(code) !== index);
  if (duplicate) throw new Error(`Country ${duplicate} has two histories`);
  return uniqueKeys(countries.flatMap((history) => history.changes));
}

/** `changes`, refusing a key used twice (it would collide as an event id). */
export function uniqueKeys(changes: readonly SeedChange[]): readonly SeedChange[] {
  const keys = changes.map((seed) => seed.key);
  const duplicate = keys.find((key, index) => keys.indexOf(key) !== index);
  if (duplicate) throw new Error(`Seed key ${duplicate} is used twice`);
  return changes;
}
