import { EXCEPTION_CODES, type ExceptionCode } from '../country-policy/policy-status';
import { aSubmission, anEndUser, registerFromSeed, snapshotOn } from '../testing/domain-builders';
import { evaluatePolicy } from './evaluate-policy';

/**
 * 22 CFR §126.1(d)(2): a Table 2 paragraph allows only the end uses its exceptions name (86 FR 60165, FR Doc
 * 2021-23450). Given the seeded register of 2025-11-08, when a case names end uses, then the destination is case by
 * case only if every end use is covered, and the determination names the uncovered ones.
 */
const today = snapshotOn('2025-11-08', registerFromSeed());
const TABLE_2 = Object.values(today.countries).filter((policy) => policy.status === 'denial-with-exceptions');

const determine = (country: string, endUseCodes: readonly ExceptionCode[]) =>
  evaluatePolicy(aSubmission({ parties: [anEndUser(country)], endUseCodes: [...endUseCodes] }), today).determinations[0]!;

describe('a Table 2 exception covers a case only if it covers every end use', () => {
  it('has every Table 2 paragraph in force in the table (15 countries; Cyprus ¶(r) is suspended)', () => {
    expect(TABLE_2.map((policy) => policy.countryCode).sort()).toEqual(
      ['AF', 'CD', 'CF', 'ER', 'ET', 'HT', 'IQ', 'LB', 'LY', 'NI', 'RU', 'SD', 'SO', 'SS', 'ZW'],
    );
  });

  describe.each(TABLE_2.map((policy) => [policy.countryCode, policy.paragraph, policy.exceptions] as const))(
    '%s %s',
    (country, paragraph, exceptions) => {
      const uncovered = EXCEPTION_CODES.filter((code) => !exceptions.includes(code));

      it('is case by case when every end use is one of its exceptions', () => {
        if (exceptions.length === 0) return expect(determine(country, [uncovered[0]!]).track).toBe('policy-of-denial');
        const determination = determine(country, exceptions);
        expect(determination).toMatchObject({
          track: 'case-by-case',
          paragraph,
          exceptionsApplied: [...exceptions],
          uncoveredEndUses: [],
        });
      });

      it.each(uncovered)('is policy of denial when %s is added, and names it as uncovered', (extra) => {
        const determination = determine(country, [...exceptions.slice(0, 1), extra]);
        expect(determination).toMatchObject({
          track: 'policy-of-denial',
          exceptionsApplied: [],
          exceptionApplied: null,
          uncoveredEndUses: [extra],
        });
      });
    },
  );

  it('puts a South Sudan forces case with a demining end use on policy of denial: ¶(w) covers no government forces', () => {
    const determination = determine('SS', ['humanitarian-demining', 'government-security-forces']);
    expect(determination).toMatchObject({
      track: 'policy-of-denial',
      provision: '22 CFR 126.1(d)(2) and (w)',
      uncoveredEndUses: ['government-security-forces'],
      exceptionsApplied: [],
    });
  });

  it('claims no exception for a case without end uses', () => {
    expect(determine('NI', [])).toMatchObject({ track: 'policy-of-denial', exceptionsApplied: [], uncoveredEndUses: [] });
  });

  it('carries the unconfirmed facts of the entry used: Afghanistan has no exception unless sourced', () => {
    expect(determine('AF', ['government-security-forces'])).toMatchObject({
      track: 'policy-of-denial',
      uncoveredEndUses: ['government-security-forces'],
      unconfirmed: expect.arrayContaining(['exceptions']),
    });
  });
});
