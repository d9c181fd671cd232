import {
  AGREEMENT_TERM_VALIDITY,
  decideLicenceValidity,
  FOUR_YEAR_LICENCE_VALIDITY,
  validityRuleFor,
} from './licence-validity.rule';
import type { LicenceType } from './licence-application.types';

describe('the licence validity rule', () => {
  it.each<[LicenceType, typeof FOUR_YEAR_LICENCE_VALIDITY]>([
    ['DSP-5', FOUR_YEAR_LICENCE_VALIDITY],
    ['DSP-61', FOUR_YEAR_LICENCE_VALIDITY],
    ['DSP-73', FOUR_YEAR_LICENCE_VALIDITY],
    ['DSP-85', FOUR_YEAR_LICENCE_VALIDITY],
    ['TAA', AGREEMENT_TERM_VALIDITY],
    ['MLA', AGREEMENT_TERM_VALIDITY],
    ['WDA', AGREEMENT_TERM_VALIDITY],
  ])('a %s follows its rule', (licenceType, rule) => {
    expect(validityRuleFor(licenceType)).toBe(rule);
  });

  it('gives DSP licences four years by default, on an unconfirmed basis (58 FR 39280)', () => {
    expect(decideLicenceValidity('DSP-5', '2025-11-24', undefined)).toEqual({
      ok: true,
      validity: {
        validFrom: '2025-11-24',
        validUntil: '2029-11-24',
        validityBasis: 'Four-year licence validity (58 FR 39280, 1993)',
        validityUnconfirmed: true,
      },
    });
  });

  it('clamps an approval on 29 February to 28 February four years on only when that year is common', () => {
    expect(decideLicenceValidity('DSP-5', '2024-02-29', undefined)).toMatchObject({ validity: { validUntil: '2028-02-29' } });
    expect(decideLicenceValidity('DSP-5', '2024-02-29', '2028-03-01')).toMatchObject({ ok: false });
  });

  it('gives an agreement the term it states, with no cap', () => {
    expect(decideLicenceValidity('TAA', '2025-11-24', '2055-11-24')).toEqual({
      ok: true,
      validity: {
        validFrom: '2025-11-24',
        validUntil: '2055-11-24',
        validityBasis: 'Agreement term stated in the agreement (22 CFR Part 124)',
        validityUnconfirmed: false,
      },
    });
  });

  it.each<[LicenceType, string | undefined, string]>([
    ['DSP-5', '2025-11-24', 'must be after the approval date 2025-11-24'],
    ['DSP-5', '2029-11-25', 'must be on or before 2029-11-24, 4 years after approval'],
    ['MLA', '2025-11-23', 'must be after the approval date 2025-11-24'],
    ['WDA', undefined, "a WDA must state the agreement's term"],
  ])('refuses a %s valid until %s: %s', (licenceType, validUntil, reason) => {
    expect(decideLicenceValidity(licenceType, '2025-11-24', validUntil)).toEqual({ ok: false, reason });
  });
});
