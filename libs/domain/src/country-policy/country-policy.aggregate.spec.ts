import { IllegalTransitionError, InvalidCommandError } from '../kernel/domain-error';
import {
  aCitation,
  aReinsertion,
  aRemoval,
  aStatusChange,
  aSuspension,
  countryStateAfter,
  givenCountry as given,
  recordedEvents,
} from '../testing/domain-builders';
import type { RecordCountryStatusChange } from './country-policy.commands';
import { COUNTRY_STATUS_CHANGED } from './country-policy.events';
import {
  entryInForceOn,
  initialCountryPolicyState,
  pendingEntries,
  statusOn,
} from './country-policy.state';
import { buildPolicySnapshot, countryInSnapshot, policyInForce } from './policy-snapshot';

const invalid = <T>(value: unknown) => value as T;

// Cambodia's history as three commands: 2021 addition, 2025 table fix, 2025 removal.
const khAdded = aStatusChange();
const khTableFix = aReinsertion();
const khRemoved = aRemoval({ announcedOn: '2025-10-26' });
// Cyprus: a Table 2 listing, then an FY2023 suspension that lapses after 2023-09-30.
const cyListed = aStatusChange({
  countryCode: 'CY',
  countryName: 'Cyprus',
  paragraph: '(r)',
  exceptions: [],
  effectiveOn: '1987-01-01',
  citation: aCitation({ frCitation: null, frDocument: null, publishedOn: null, notes: 'Embargo from 1987' }),
});
const cySuspended = aSuspension();

describe('CountryPolicy.recordStatusChange', () => {
  it('records the first change as policy version 1, from not-listed, with the full payload', () => {
    const { status, ...fields } = khAdded;
    given('KH')
      .when((policy) => policy.recordStatusChange(khAdded))
      .then([
        {
          type: COUNTRY_STATUS_CHANGED,
          data: { ...fields, policyVersion: 1, from: 'not-listed', to: status, exceptionsRemoved: [], correction: null },
        },
      ]);
  });

  it('increments the version and takes `from` from the status in force the day before', () => {
    const policy = given('KH', recordedEvents(khAdded, khTableFix))
      .when((p) => p.recordStatusChange(khRemoved))
      .then([
        expect.objectContaining({
          type: COUNTRY_STATUS_CHANGED,
          data: expect.objectContaining({ policyVersion: 3, from: 'denial-with-exceptions', to: 'not-listed' }),
        }),
      ]);
    expect(policy.state.entries.map((entry) => [entry.policyVersion, entry.from, entry.to])).toEqual([
      [1, 'not-listed', 'denial-with-exceptions'],
      [2, 'denial-with-exceptions', 'denial-with-exceptions'],
      [3, 'denial-with-exceptions', 'not-listed'],
    ]);
  });

  it('takes `from` from a suspension still running the day before (not-listed)', () => {
    const [event] = given('CY', recordedEvents(cyListed, cySuspended))
      .when((p) => p.recordStatusChange(aSuspension({ effectiveOn: '2023-10-01', suspendedUntil: '2024-09-30' })))
      .aggregate.getUncommittedEvents();
    expect(event?.data).toMatchObject({ policyVersion: 3, from: 'not-listed', to: 'not-listed' });
  });

  it('takes `from` from a lapsed suspension as its statusAfterSuspension', () => {
    const [event] = given('CY', recordedEvents(cyListed, cySuspended))
      .when((p) => p.recordStatusChange(aSuspension({ effectiveOn: '2023-12-01', suspendedUntil: '2024-09-30' })))
      .aggregate.getUncommittedEvents();
    expect(event?.data).toMatchObject({ policyVersion: 3, from: 'denial-with-exceptions', to: 'not-listed' });
  });

  it('copies the command, so later changes to it do not leak into the event', () => {
    const exceptions = ['humanitarian-demining'] as RecordCountryStatusChange['exceptions'];
    const [event] = given('KH').when((p) => p.recordStatusChange(aStatusChange({ exceptions }))).aggregate.getUncommittedEvents();
    (exceptions as string[]).push('un-peacekeeping');
    expect(event?.data.exceptions).toEqual(['humanitarian-demining']);
  });
});

describe('an inconsistent status change (INVALID_STATUS_CHANGE)', () => {
  it.each<[string, RecordCountryStatusChange, string[]]>([
    ["exceptions on a 'denial' (Table 1) status", aStatusChange({ status: 'denial', paragraph: null, exceptions: ['un-peacekeeping'] }), ['exceptions']],
    ['exceptions on a not-listed status', { ...khRemoved, exceptions: ['humanitarian-demining'] }, ['exceptions']],
    ['a denial-with-exceptions without its paragraph', aStatusChange({ paragraph: null }), ['paragraph']],
    ["a malformed paragraph 'o'", aStatusChange({ paragraph: 'o' }), ['paragraph']],
    ['a paragraph on a removal that is no suspension', { ...khRemoved, paragraph: '(o)' }, ['paragraph']],
    ['an unknown exception code', aStatusChange({ exceptions: ['humanitarian-demining', invalid('space-tourism')] }), ['exceptions[1]']],
    ['an unknown status', aStatusChange({ status: invalid('embargo'), paragraph: null, exceptions: [] }), ['status']],
    ['an impossible effectiveOn (30 Feb)', aStatusChange({ effectiveOn: '2025-02-30' }), ['effectiveOn']],
    ['a non-ISO effectiveOn', aStatusChange({ effectiveOn: '7 Nov 2025' }), ['effectiveOn']],
    ['a bad announcedOn', aStatusChange({ announcedOn: '2025-13-01' }), ['announcedOn']],
    ['a bad citation.publishedOn', aStatusChange({ citation: aCitation({ publishedOn: '2021/12/09' }) }), ['citation.publishedOn']],
    ['an empty reason', aStatusChange({ reason: '   ' }), ['reason']],
    ['no citation at all', aStatusChange({ citation: aCitation({ frCitation: null, frDocument: null, notes: null }) }), ['citation']],
    ['suspension fields on a listed status', aSuspension({ status: 'denial-with-exceptions' }), ['suspendedUntil']],
    ['suspendedUntil before effectiveOn', aSuspension({ suspendedUntil: '2022-09-30' }), ['suspendedUntil']],
    ['a suspension without its last day', aSuspension({ suspendedUntil: null }), ['suspendedUntil']],
    ['a suspension with a malformed last day', aSuspension({ suspendedUntil: '2023-09-31' }), ['suspendedUntil']],
    ['statusAfterSuspension not listed', aSuspension({ statusAfterSuspension: 'not-listed' }), ['statusAfterSuspension']],
    ['a suspension without statusAfterSuspension', aSuspension({ statusAfterSuspension: null }), ['statusAfterSuspension']],
    ["country 'US'", aStatusChange({ countryCode: 'US' }), ['countryCode']],
    ["a lower-case country code 'kh'", aStatusChange({ countryCode: 'kh' }), ['countryCode']],
    ["an alpha-3 country code 'KHM'", aStatusChange({ countryCode: 'KHM' }), ['countryCode']],
  ])('%s is rejected on exactly that field', (_label, command, fields) => {
    const error = given(command.countryCode)
      .when((policy) => policy.recordStatusChange(command))
      .thenThrows('INVALID_STATUS_CHANGE', fields);
    expect(error).toBeInstanceOf(InvalidCommandError);
    expect(error.kind).toBe('invalid');
    expect(error.errors.map((e) => e.field)).toEqual(fields);
  });

  it('accepts a one-day suspension (suspendedUntil equal to effectiveOn)', () => {
    const [, event] = recordedEvents(cyListed, aSuspension({ effectiveOn: '2022-10-01', suspendedUntil: '2022-10-01' }));
    expect(event?.data).toMatchObject({ policyVersion: 2, suspendedUntil: '2022-10-01', to: 'not-listed' });
  });
});

describe('the order of changes', () => {
  it('refuses a change effective before the latest recorded one (OUT_OF_ORDER_CHANGE, a conflict)', () => {
    const error = given('KH', recordedEvents(khAdded, khRemoved))
      .when((policy) => policy.recordStatusChange(khTableFix))
      .thenThrows('OUT_OF_ORDER_CHANGE');
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect(error.kind).toBe('conflict');
    expect(error.message).toContain('2025-11-07');
  });

  it('accepts a change effective on the same day as the latest one, as the next version', () => {
    const correction = { ...khRemoved, reason: 'Correction: citation completed', announcedOn: null };
    const [event] = given('KH', recordedEvents(khAdded, khRemoved))
      .when((policy) => policy.recordStatusChange(correction))
      .aggregate.getUncommittedEvents();
    expect(event?.data).toMatchObject({
      policyVersion: 3,
      // The status just before it in log order: the same-day removal, not the day before (Table 2).
      from: 'not-listed',
      to: 'not-listed',
      effectiveOn: '2025-11-07',
      reason: 'Correction: citation completed',
    });
  });
});

describe('entryInForceOn and statusOn', () => {
  const kh = countryStateAfter(khAdded, khTableFix, khRemoved);

  it.each([
    ['2021-12-08', null, 'not-listed'],
    ['2021-12-09', 1, 'denial-with-exceptions'],
    ['2025-07-06', 1, 'denial-with-exceptions'],
    ['2025-07-07', 2, 'denial-with-exceptions'],
    ['2025-11-06', 2, 'denial-with-exceptions'],
    ['2025-11-07', 3, 'not-listed'],
    ['2030-01-01', 3, 'not-listed'],
  ])('on %s the entry in force is version %s, giving %s', (date, version, status) => {
    const entry = entryInForceOn(kh, date);
    expect(entry?.policyVersion ?? null).toBe(version);
    expect(statusOn(entry, date)).toBe(status);
  });

  it('prefers the later version when two changes share an effective date', () => {
    const state = countryStateAfter(khAdded, { ...khAdded, exceptions: ['humanitarian-demining'], reason: 'Correction' });
    expect(entryInForceOn(state, '2021-12-09')).toMatchObject({ policyVersion: 2, exceptions: ['humanitarian-demining'] });
  });

  it('has no entry for a country never recorded', () => {
    expect(entryInForceOn(initialCountryPolicyState, '2025-11-08')).toBeNull();
    expect(statusOn(null, '2025-11-08')).toBe('not-listed');
  });

  it.each([
    ['2022-10-01', 'not-listed'],
    ['2023-09-30', 'not-listed'],
    ['2023-10-01', 'denial-with-exceptions'],
    ['2030-01-01', 'denial-with-exceptions'],
  ])('a suspension to 2023-09-30 gives %s → %s', (date, status) => {
    const cy = countryStateAfter(cyListed, cySuspended);
    expect(statusOn(entryInForceOn(cy, date), date)).toBe(status);
  });
});

describe('pendingEntries', () => {
  const kh = countryStateAfter(khAdded, khTableFix, khRemoved);

  it('lists the changes not yet in force, in effective-date order', () => {
    expect(pendingEntries(kh, '2025-07-06').map((entry) => [entry.policyVersion, entry.effectiveOn])).toEqual([
      [2, '2025-07-07'],
      [3, '2025-11-07'],
    ]);
  });

  it('excludes a change on its effective day, and is empty once all are in force', () => {
    expect(pendingEntries(kh, '2025-07-07').map((entry) => entry.policyVersion)).toEqual([3]);
    expect(pendingEntries(kh, '2025-11-07')).toEqual([]);
  });

  it('orders same-day pending changes by version', () => {
    const state = countryStateAfter(khAdded, khRemoved, { ...khRemoved, reason: 'Correction' });
    expect(pendingEntries(state, '2025-01-01').map((entry) => entry.policyVersion)).toEqual([2, 3]);
  });
});

describe('policyInForce and buildPolicySnapshot', () => {
  it('gives a never-listed country policy version 0, not listed, with nothing cited', () => {
    expect(policyInForce('FR', initialCountryPolicyState, '2025-11-08')).toEqual({
      countryCode: 'FR',
      status: 'not-listed',
      paragraph: null,
      exceptions: [],
      citation: null,
      policyVersion: 0,
      effectiveOn: null,
      suspendedUntil: null,
      reason: null,
      unconfirmed: [],
      warnings: [],
    });
  });

  it('gives the entry in force with its paragraph, exceptions, citation and version', () => {
    expect(policyInForce('KH', countryStateAfter(khAdded, khTableFix, khRemoved), '2025-11-06')).toEqual({
      countryCode: 'KH',
      status: 'denial-with-exceptions',
      paragraph: '(o)',
      exceptions: ['conventional-weapons-destruction', 'humanitarian-demining'],
      citation: khTableFix.citation,
      policyVersion: 2,
      effectiveOn: '2025-07-07',
      suspendedUntil: null,
      reason: khTableFix.reason,
      unconfirmed: [],
      warnings: [],
    });
  });

  it('gives a running suspension as not listed, with its end date', () => {
    expect(policyInForce('CY', countryStateAfter(cyListed, cySuspended), '2023-09-30')).toMatchObject({
      status: 'not-listed',
      paragraph: '(r)',
      exceptions: [],
      policyVersion: 2,
      suspendedUntil: '2023-09-30',
    });
  });

  it('gives a lapsed suspension as the listed status again from the day after it ends, citing the listing rule', () => {
    expect(policyInForce('CY', countryStateAfter(cyListed, cySuspended), '2023-10-01')).toMatchObject({
      status: 'denial-with-exceptions',
      paragraph: '(r)',
      exceptions: [],
      suspendedUntil: null,
      policyVersion: 2,
      effectiveOn: '2023-10-01',
      citation: cyListed.citation,
      reason: expect.stringContaining('ended on 2023-09-30'),
      warnings: [expect.objectContaining({ code: 'SUSPENSION_RENEWAL_MAY_BE_MISSING' })],
    });
  });

  it('builds a snapshot of every registered country on the date, and version 0 for any other', () => {
    const register = { KH: countryStateAfter(khAdded, khRemoved), CY: countryStateAfter(cyListed, cySuspended) };
    const snapshot = buildPolicySnapshot(register, '2025-11-08');
    expect(snapshot.onDate).toBe('2025-11-08');
    expect(Object.keys(snapshot.countries).sort()).toEqual(['CY', 'KH']);
    expect(snapshot.countries.KH).toMatchObject({ status: 'not-listed', policyVersion: 2 });
    expect(snapshot.countries.CY).toMatchObject({ status: 'denial-with-exceptions', policyVersion: 2 });
    expect(countryInSnapshot(snapshot, 'JP')).toMatchObject({ countryCode: 'JP', status: 'not-listed', policyVersion: 0 });
  });
});
