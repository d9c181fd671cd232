import { InvalidCommandError } from '../kernel/domain-error';
import {
  aReinsertion,
  aRemoval,
  aStatusChange,
  aSuspension,
  countryStateAfter,
  givenCountry,
  recordedEvents,
} from '../testing/domain-builders';
import type { CountryPolicyEvent } from './country-policy.events';
import { effectiveEntries, entryInForceOn } from './country-policy.state';

const given = (history: readonly CountryPolicyEvent[] = []) => givenCountry('KH', history);

const khAdded = aStatusChange();
const khReinserted = aReinsertion();
const khRemoved = aRemoval();
const toTable1 = aStatusChange({ status: 'denial', paragraph: null, exceptions: [], effectiveOn: '2025-11-07', reason: 'Moved to Table 1' });

describe('from: the status just before the change in log order (two changes on one day)', () => {
  it('starts a second change on the same day from the first one, not from the day before', () => {
    const [event] = given(recordedEvents(khAdded, toTable1))
      .when((policy) => policy.recordStatusChange(khRemoved))
      .aggregate.getUncommittedEvents();
    expect(event?.data).toMatchObject({ policyVersion: 3, from: 'denial', to: 'not-listed' });
  });

  it('starts a change on a day of its own from the day before (a renewal starts from the suspension, not its lapse)', () => {
    const fy2024 = aSuspension({ effectiveOn: '2023-10-01', suspendedUntil: '2024-09-30', reason: 'Renewed for FY2024' });
    const [event] = givenCountry('CY', recordedEvents(aStatusChange({ countryCode: 'CY', countryName: 'Cyprus', paragraph: '(r)', exceptions: [], effectiveOn: '1987-01-01' }), aSuspension()))
      .when((policy) => policy.recordStatusChange(fy2024))
      .aggregate.getUncommittedEvents();
    expect(event?.data).toMatchObject({ from: 'not-listed', to: 'not-listed' });
  });
});

describe('a correction of the register (a new event, never an edit)', () => {
  it('may be effective before the latest change, supersedes the version it names, and records from/to as any change', () => {
    const correction = { ...khAdded, effectiveOn: '2021-12-10', reason: 'Correction: effective date', correction: { supersedes: 1, withdraws: false } };
    const [event] = given(recordedEvents(khAdded, khRemoved))
      .when((policy) => policy.recordStatusChange(correction))
      .aggregate.getUncommittedEvents();
    expect(event?.data).toMatchObject({
      policyVersion: 3,
      from: 'denial-with-exceptions',
      to: 'denial-with-exceptions',
      effectiveOn: '2021-12-10',
      correction: { supersedes: 1, withdraws: false },
    });
    const state = countryStateAfter(khAdded, khRemoved, correction);
    expect(entryInForceOn(state, '2021-12-09')).toBeNull();
    expect(entryInForceOn(state, '2021-12-10')?.policyVersion).toBe(3);
    expect(effectiveEntries(state).map((entry) => entry.policyVersion)).toEqual([2, 3]);
  });

  it('withdraws an editorial version: the version before it stays in force, with its own authority', () => {
    const withdrawal = { ...khReinserted, reason: 'Editorial', correction: { supersedes: 2, withdraws: true } };
    const state = countryStateAfter(khAdded, khReinserted, khRemoved, withdrawal);
    expect(entryInForceOn(state, '2025-08-01')).toMatchObject({ policyVersion: 1, citation: khAdded.citation });
    expect(entryInForceOn(state, '2025-11-07')?.policyVersion).toBe(3);
  });

  it.each([
    ['a version never recorded', { supersedes: 9, withdraws: false }, 'no policy version 9'],
    ['a withdrawal that names no version', { supersedes: null, withdraws: true }, 'names the version'],
  ])('refuses a correction of %s (INVALID_STATUS_CHANGE, nothing recorded)', (_name, correction, message) => {
    const error = given(recordedEvents(khAdded))
      .when((policy) => policy.recordStatusChange({ ...khAdded, correction }))
      .thenThrows('INVALID_STATUS_CHANGE');
    expect(error).toBeInstanceOf(InvalidCommandError);
    expect(JSON.stringify((error as InvalidCommandError).errors)).toContain(message);
  });

  it('refuses to supersede a version already superseded', () => {
    const first = { ...khAdded, correction: { supersedes: 1, withdraws: false } };
    given(recordedEvents(khAdded, first))
      .when((policy) => policy.recordStatusChange({ ...khAdded, correction: { supersedes: 1, withdraws: false } }))
      .thenThrows('INVALID_STATUS_CHANGE');
  });
});

describe('narrowing a Table 2 paragraph records the exceptions it removed', () => {
  it('names the removed exceptions while the country stays in Table 2', () => {
    const narrowed = aStatusChange({ exceptions: ['humanitarian-demining'], effectiveOn: '2022-01-01', reason: 'Narrowed' });
    const [event] = given(recordedEvents(khAdded))
      .when((policy) => policy.recordStatusChange(narrowed))
      .aggregate.getUncommittedEvents();
    expect(event?.data).toMatchObject({ from: 'denial-with-exceptions', to: 'denial-with-exceptions', exceptionsRemoved: ['conventional-weapons-destruction'] });
  });

  it('names none for a move to Table 1 (a status tightening) or a removal', () => {
    expect(recordedEvents(khAdded, toTable1).at(-1)?.data.exceptionsRemoved).toEqual([]);
    expect(recordedEvents(khAdded, khRemoved).at(-1)?.data.exceptionsRemoved).toEqual([]);
  });
});
