import { evolveCountryPolicy, initialCountryPolicyState, type CountryPolicyEvent } from '@app/domain';
import { toDomainEvent } from '@app/infra';
import type { CountryRecord } from './policy-register.read-model';

/**
 * The country's record as the register knew it at `knownAt` (recorded time): only the changes recorded by then,
 * folded again. With `asOf` (valid time) this answers "what did the register say, on that day, was in force on
 * that date" — a correction recorded later does not rewrite what an officer saw (docs/audit.md).
 */
export function recordKnownAt(record: CountryRecord | null, knownAt: string | null): CountryRecord | null {
  if (record === null || knownAt === null) return record;
  const events = record.events.filter((event) => event.recordedAt <= knownAt);
  if (events.length === 0) return null;
  const state = events.reduce(
    (current, event) => evolveCountryPolicy(current, toDomainEvent<CountryPolicyEvent>(event)),
    initialCountryPolicyState,
  );
  return { countryCode: record.countryCode, state, events };
}
