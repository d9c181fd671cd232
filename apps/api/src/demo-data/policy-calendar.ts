import { effectiveEntries, type PolicySnapshot } from '@app/domain';
import type { EventStore } from '@app/infra';
import { PolicyRegisterReadModel } from '../country-policy/register/policy-register.read-model';
import { dateOf, dayNumberOf, type DayNumber } from './day-numbers';

/**
 * The §126.1 register as stored in the data directory, by date: the snapshot a case submitted on a day is decided
 * on, and the days on which a country's entry changes (a change comes into force, or a suspension lapses).
 */
export class PolicyCalendar {
  private readonly snapshots = new Map<DayNumber, PolicySnapshot>();

  private constructor(
    private readonly register: PolicyRegisterReadModel,
    private readonly changeDays: ReadonlyMap<string, readonly DayNumber[]>,
  ) {}

  /** Reads the register the server seeded (the same read model the server decides submissions with). */
  static async load(store: EventStore): Promise<PolicyCalendar> {
    const register = new PolicyRegisterReadModel(store);
    const changeDays = new Map<string, DayNumber[]>();
    for (const { countryCode, state } of await register.all()) {
      const days = new Set<DayNumber>();
      for (const entry of effectiveEntries(state)) {
        days.add(dayNumberOf(entry.effectiveOn));
        if (entry.suspendedUntil !== null && entry.statusAfterSuspension !== null) days.add(dayNumberOf(entry.suspendedUntil) + 1);
      }
      changeDays.set(countryCode, [...days].sort((a, b) => a - b));
    }
    return new PolicyCalendar(register, changeDays);
  }

  /** The register in force on `date` (a few thousand distinct days at most, so each is built once). */
  async snapshot(day: DayNumber): Promise<PolicySnapshot> {
    let snapshot = this.snapshots.get(day);
    if (snapshot === undefined) {
      snapshot = await this.register.snapshot(dateOf(day));
      this.snapshots.set(day, snapshot);
    }
    return snapshot;
  }

  /**
   * The first day in (after, until] on which the entry of one of `countries` changes, or null. Such a change's
   * re-evaluation run would have reached a case pending (or a licence live) on that day, so a generated case must
   * not span one: its history would be missing the run's events.
   */
  firstChangeBetween(countries: readonly string[], after: DayNumber, until: DayNumber): DayNumber | null {
    let first: DayNumber | null = null;
    for (const country of countries) {
      for (const day of this.changeDays.get(country) ?? []) {
        if (day > after && day <= until && (first === null || day < first)) first = day;
      }
    }
    return first;
  }

  /** The last day on or before `until` on which the entry of one of `countries` changed, or null. */
  lastChangeUntil(countries: readonly string[], until: DayNumber): DayNumber | null {
    let last: DayNumber | null = null;
    for (const country of countries) {
      for (const day of this.changeDays.get(country) ?? []) {
        if (day <= until && (last === null || day > last)) last = day;
      }
    }
    return last;
  }
}
