import type { PolicySnapshot } from '../country-policy/policy-snapshot';
import { EXCEPTION_CODES, type ExceptionCode } from '../country-policy/policy-status';
import type { EndUseCode, Party } from '../licence-application/licence-application.types';
import { aDetermination, aParty, aSubmission, anEndUser, registerFromSeed, snapshotOn } from '../testing/domain-builders';
import type { Determination } from './determination';
import { evaluatePolicy, mostRestrictive } from './evaluate-policy';

const register = registerFromSeed();
const on = (date: string): PolicySnapshot => snapshotOn(date, register);

const TODAY = '2025-11-08';
const today = on(TODAY);

/** Evaluates a case with these parties and end uses against the seeded register on `date`. */
function evaluate(parties: readonly Party[], endUseCodes: readonly EndUseCode[] = [], date = TODAY) {
  return evaluatePolicy(aSubmission({ parties, endUseCodes }), date === TODAY ? today : on(date));
}

/** The single determination of a case whose only party is an end-user in `country`. */
function determinationFor(country: string, endUseCodes: readonly EndUseCode[] = [], date = TODAY): Determination {
  const { determinations } = evaluate([anEndUser(country)], endUseCodes, date);
  expect(determinations).toHaveLength(1);
  return determinations[0]!;
}

const TABLE_1 = ['BY', 'MM', 'CN', 'CU', 'IR', 'KP', 'SY', 'VE'];
const TABLE_2: ReadonlyArray<[string, string]> = [
  ['AF', '(g)'], ['CF', '(u)'], ['CD', '(i)'], ['ER', '(h)'], ['ET', '(n)'], ['HT', '(j)'], ['IQ', '(f)'], ['LB', '(t)'],
  ['LY', '(k)'], ['NI', '(p)'], ['RU', '(l)'], ['SO', '(m)'], ['SS', '(w)'], ['SD', '(v)'], ['ZW', '(s)'],
];
const exceptionsOf = (country: string): readonly ExceptionCode[] => today.countries[country]?.exceptions ?? [];
/** Every Table 2 country with each of its seeded exception codes. */
const TABLE_2_EXCEPTIONS = TABLE_2.flatMap(([country, paragraph]) =>
  exceptionsOf(country).map((code): [string, string, ExceptionCode] => [country, paragraph, code]),
);

describe(`Table 1 countries on ${TODAY}: policy of denial, no exceptions`, () => {
  it.each(TABLE_1)('%s → policy-of-denial under 22 CFR 126.1(d)(1), with the duty to notify', (country) => {
    const evaluation = evaluate([anEndUser(country)]);
    expect(evaluation.determinations).toEqual([
      expect.objectContaining({
        country,
        roles: ['end-user'],
        policyStatus: 'denial',
        table: 1,
        provision: '22 CFR 126.1(d)(1)',
        paragraph: null,
        exceptionApplied: null,
        track: 'policy-of-denial',
        policyVersion: today.countries[country]!.policyVersion,
      }),
    ]);
    expect(today.countries[country]!.policyVersion).toBeGreaterThanOrEqual(1);
    expect(evaluation.reviewTrack).toBe('policy-of-denial');
    expect(evaluation.notificationDuty126_1e).toBe(true);
  });

  it.each(TABLE_1)('%s stays policy-of-denial whatever the end use (all codes given)', (country) => {
    expect(determinationFor(country, EXCEPTION_CODES)).toMatchObject({
      exceptionApplied: null,
      track: 'policy-of-denial',
    });
  });
});

describe(`Table 2 countries on ${TODAY}: denial except as the country's paragraph allows`, () => {
  it.each(TABLE_2)('%s without a matching end use → policy-of-denial under ¶%s', (country, paragraph) => {
    const nonMatching = EXCEPTION_CODES.filter((code) => !exceptionsOf(country).includes(code));
    const determination = determinationFor(country, nonMatching);
    expect(determination).toMatchObject({
      policyStatus: 'denial-with-exceptions',
      table: 2,
      paragraph,
      provision: `22 CFR 126.1(d)(2) and ${paragraph}`,
      exceptionApplied: null,
      track: 'policy-of-denial',
    });
    expect(determination.provision).toContain('(d)(2)');
    expect(evaluate([anEndUser(country)]).notificationDuty126_1e).toBe(true);
  });

  it.each(TABLE_2_EXCEPTIONS)('%s ¶%s with end use %s → case-by-case on that exception', (country, paragraph, code) => {
    const evaluation = evaluate([anEndUser(country)], [code]);
    expect(evaluation.determinations).toEqual([
      expect.objectContaining({ policyStatus: 'denial-with-exceptions', table: 2, paragraph, exceptionApplied: code, track: 'case-by-case' }),
    ]);
    expect(evaluation.reviewTrack).toBe('case-by-case');
    // Still a §126.1 country: the duty to inform DDTC applies even when an exception is used.
    expect(evaluation.notificationDuty126_1e).toBe(true);
  });

  it('covers 29 seeded exceptions; Afghanistan, Eritrea, Ethiopia and Zimbabwe have none (denial for every end use)', () => {
    expect(TABLE_2_EXCEPTIONS).toHaveLength(29);
    expect(['AF', 'ER', 'ET', 'ZW'].map(exceptionsOf)).toEqual([[], [], [], []]);
  });

  it.each<[string, string, ExceptionCode]>([
    ['NI', '(p)', 'non-lethal-humanitarian'],
    ['RU', '(l)', 'government-space-cooperation'],
  ])('%s ¶%s has exactly the %s exception', (country, paragraph, code) => {
    expect(today.countries[country]).toMatchObject({ paragraph, exceptions: [code] });
    expect(determinationFor(country, [code])).toMatchObject({ exceptionApplied: code, track: 'case-by-case' });
    expect(determinationFor(country, ['un-peacekeeping'])).toMatchObject({ exceptionApplied: null, track: 'policy-of-denial' });
  });

  it('applies the same exception whatever the order of the end uses', () => {
    const forward = determinationFor('SS', ['protective-equipment', 'un-peacekeeping']);
    const backward = determinationFor('SS', ['un-peacekeeping', 'protective-equipment']);
    expect(forward.exceptionApplied).toBe(backward.exceptionApplied);
    expect(forward.track).toBe('case-by-case');
  });
});

describe('Cyprus (¶(r), denial suspended for FY2026)', () => {
  it(`is case-by-case on ${TODAY}, with no duty to notify, and records the suspension`, () => {
    const evaluation = evaluate([anEndUser('CY')]);
    expect(evaluation.determinations).toEqual([
      expect.objectContaining({
        policyStatus: 'not-listed',
        table: null,
        provision: null,
        paragraph: '(r)',
        track: 'case-by-case',
        suspendedUntil: '2026-09-30',
        citation: expect.objectContaining({ frDocument: '2025-17287' }),
      }),
    ]);
    expect(evaluation.reviewTrack).toBe('case-by-case');
    expect(evaluation.notificationDuty126_1e).toBe(false);
  });

  it('is policy-of-denial again on 2026-10-01 when the suspension lapses, even for non-lethal end uses', () => {
    const evaluation = evaluate([anEndUser('CY')], ['non-lethal-humanitarian'], '2026-10-01');
    expect(evaluation.determinations[0]).toMatchObject({
      policyStatus: 'denial-with-exceptions',
      table: 2,
      paragraph: '(r)',
      exceptionApplied: null,
      track: 'policy-of-denial',
    });
    expect(evaluation.notificationDuty126_1e).toBe(true);
  });
});

describe('Cambodia before and after its removal on 7 November 2025', () => {
  it('is not listed on 2021-12-08, the day before its addition (version 0)', () => {
    expect(determinationFor('KH', [], '2021-12-08')).toMatchObject({
      policyStatus: 'not-listed',
      track: 'case-by-case',
      policyVersion: 0,
      citation: null,
    });
  });

  it('is policy-of-denial under ¶(o) citing 86 FR 70053 (version 1) from 2021-12-09', () => {
    expect(determinationFor('KH', [], '2021-12-09')).toMatchObject({
      policyStatus: 'denial-with-exceptions',
      table: 2,
      provision: '22 CFR 126.1(d)(2) and (o)',
      paragraph: '(o)',
      track: 'policy-of-denial',
      policyVersion: 1,
      policyEffectiveOn: '2021-12-09',
      citation: expect.objectContaining({ frCitation: '86 FR 70053', frDocument: '2021-26590' }),
    });
  });

  it('is still policy-of-denial under ¶(o) on 2025-11-06, on its 2021 listing (the 2025 re-insertion is editorial)', () => {
    const evaluation = evaluate([anEndUser('KH')], [], '2025-11-06');
    expect(evaluation.determinations[0]).toMatchObject({
      paragraph: '(o)',
      exceptionApplied: null,
      track: 'policy-of-denial',
      policyVersion: 1,
      citation: expect.objectContaining({ frCitation: '86 FR 70053' }),
    });
    expect(evaluation.reviewTrack).toBe('policy-of-denial');
    expect(evaluation.notificationDuty126_1e).toBe(true);
  });

  it.each<[string, ExceptionCode]>([
    ['2025-11-06', 'humanitarian-demining'],
    ['2025-11-06', 'conventional-weapons-destruction'],
    ['2022-06-01', 'humanitarian-demining'],
  ])('on %s an end use of %s is case-by-case under ¶(o)', (date, code) => {
    expect(determinationFor('KH', [code], date)).toMatchObject({
      policyStatus: 'denial-with-exceptions',
      paragraph: '(o)',
      exceptionApplied: code,
      track: 'case-by-case',
    });
  });

  it.each(['2025-11-07', '2025-11-08', '2026-06-01'])('on %s it is not listed, citing FR Doc 2025-19822', (date) => {
    const evaluation = evaluate([anEndUser('KH')], ['humanitarian-demining'], date);
    expect(evaluation.determinations).toEqual([
      expect.objectContaining({
        policyStatus: 'not-listed',
        table: null,
        provision: null,
        paragraph: null,
        exceptionApplied: null,
        track: 'case-by-case',
        policyVersion: 3,
        policyEffectiveOn: '2025-11-07',
        citation: expect.objectContaining({ frDocument: '2025-19822' }),
      }),
    ]);
    expect(evaluation.determinations[0]!.policyVersion).toBeGreaterThan(determinationFor('KH', [], '2025-11-06').policyVersion);
    expect(evaluation.notificationDuty126_1e).toBe(false);
  });
});

describe('multi-destination cases: one determination per party country', () => {
  it('CN end-user + KH consignee → two determinations, policy-of-denial overall', () => {
    const evaluation = evaluate([anEndUser('CN'), aParty('foreign-consignee', 'KH')]);
    expect(evaluation.determinations.map((d) => [d.country, d.roles, d.policyStatus, d.track])).toEqual([
      ['CN', ['end-user'], 'denial', 'policy-of-denial'],
      ['KH', ['foreign-consignee'], 'not-listed', 'case-by-case'],
    ]);
    expect(evaluation.reviewTrack).toBe('policy-of-denial');
    expect(evaluation.notificationDuty126_1e).toBe(true);
  });

  it('FR end-user + VE intermediate consignee → policy-of-denial, with the roles recorded', () => {
    const evaluation = evaluate([anEndUser('FR'), aParty('intermediate-consignee', 'VE')]);
    expect(evaluation.determinations.map((d) => [d.country, d.roles, d.table, d.track])).toEqual([
      ['FR', ['end-user'], null, 'case-by-case'],
      ['VE', ['intermediate-consignee'], 1, 'policy-of-denial'],
    ]);
    expect(evaluation.reviewTrack).toBe('policy-of-denial');
  });

  it('an exception for one destination does not lift another destination’s denial', () => {
    const evaluation = evaluate([anEndUser('KH'), aParty('foreign-consignee', 'CN')], ['humanitarian-demining'], '2025-11-06');
    expect(evaluation.determinations.map((d) => [d.country, d.exceptionApplied, d.track])).toEqual([
      ['KH', 'humanitarian-demining', 'case-by-case'],
      ['CN', null, 'policy-of-denial'],
    ]);
    expect(evaluation.reviewTrack).toBe('policy-of-denial');
  });

  it('two parties in the same country → ONE determination carrying both roles', () => {
    const evaluation = evaluate([anEndUser('DE', 'Bundeswehr'), aParty('foreign-consignee', 'DE', 'Rheinmetall')]);
    expect(evaluation.determinations).toHaveLength(1);
    expect(evaluation.determinations[0]).toMatchObject({ country: 'DE', roles: ['end-user', 'foreign-consignee'] });
  });

  it('two end-users in the same country record the role once', () => {
    const evaluation = evaluate([anEndUser('JP', 'JGSDF'), anEndUser('JP', 'JMSDF')]);
    expect(evaluation.determinations.map((d) => [d.country, d.roles])).toEqual([['JP', ['end-user']]]);
  });

  it.each(['FR', 'JP'])('never-listed %s → case-by-case, policy version 0, no citation, no duty', (country) => {
    const evaluation = evaluate([anEndUser(country)]);
    expect(evaluation.determinations).toEqual([aDetermination({ country })]);
    expect(evaluation.reviewTrack).toBe('case-by-case');
    expect(evaluation.notificationDuty126_1e).toBe(false);
  });
});

describe('evaluatePolicy flags and review track', () => {
  it('applies the lower §123.15 thresholds when any destination is outside NATO+5', () => {
    const input = aSubmission({ parties: [anEndUser('FR'), aParty('foreign-consignee', 'IN')], valueUsd: 14_000_000, majorDefenseEquipment: true });
    expect(evaluatePolicy(input, today).congressionalNotification).toEqual({
      required: true,
      applicable: true,
      thresholdUsd: 14_000_000,
      basis: 'major-defense-equipment',
      reviewPeriodDays: 30,
    });
  });

  it('mostRestrictive is policy-of-denial as soon as one determination is, case-by-case otherwise', () => {
    const fr = determinationFor('FR');
    const cn = determinationFor('CN');
    expect(mostRestrictive([fr, cn])).toBe('policy-of-denial');
    expect(mostRestrictive([cn, fr])).toBe('policy-of-denial');
    expect(mostRestrictive([fr])).toBe('case-by-case');
  });

  it('does not change the snapshot it evaluates against', () => {
    const snapshot = on('2025-11-06');
    const before = structuredClone(snapshot);
    evaluatePolicy(aSubmission({ parties: [anEndUser('KH')], endUseCodes: ['humanitarian-demining'] }), snapshot);
    expect(snapshot).toEqual(before);
  });
});
