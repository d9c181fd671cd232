import type { PolicyStatus } from '../country-policy/policy-status';
import { seededStatusChange } from '../testing/domain-builders';
import { isTightening } from './reevaluation-trigger';

/**
 * A tightening is what calls for a review of licences already issued (22 CFR 126.7): a country added to §126.1
 * (from not listed to Table 2 or Table 1) or moved from Table 2, §126.1(d)(2), to Table 1, §126.1(d)(1).
 */
describe('isTightening', () => {
  it.each<[PolicyStatus, PolicyStatus]>([
    ['not-listed', 'denial-with-exceptions'],
    ['not-listed', 'denial'],
    ['denial-with-exceptions', 'denial'],
  ])('%s → %s is a tightening', (from, to) => {
    expect(isTightening(from, to)).toBe(true);
  });

  it.each<[PolicyStatus, PolicyStatus]>([
    ['denial', 'denial-with-exceptions'],
    ['denial', 'not-listed'],
    ['denial-with-exceptions', 'not-listed'],
  ])('%s → %s is a loosening, not a tightening', (from, to) => {
    expect(isTightening(from, to)).toBe(false);
  });

  it.each<[PolicyStatus]>([['not-listed'], ['denial-with-exceptions'], ['denial']])(
    '%s → %s (same status, e.g. a paragraph or citation update) is not a tightening',
    (status) => {
      expect(isTightening(status, status)).toBe(false);
    },
  );
});

describe('isTightening on Cambodia’s seeded history', () => {
  it.each<[string, PolicyStatus, PolicyStatus, boolean]>([
    // 86 FR 70053: added to Table 2 with ¶(o).
    ['KH-2021-12-09-added', 'not-listed', 'denial-with-exceptions', true],
    // 90 FR 29720: re-inserted into Table 2 after a drafting error; ¶(o) stayed in force.
    ['KH-2025-07-07-table-reinserted', 'denial-with-exceptions', 'denial-with-exceptions', false],
    // FR Doc 2025-19822: removed from Table 2, ¶(o) deleted.
    ['KH-2025-11-07-removed', 'denial-with-exceptions', 'not-listed', false],
  ])('%s (%s → %s) is a tightening: %s', (key, from, to, tightening) => {
    const { data } = seededStatusChange(key);
    expect([data.from, data.to]).toEqual([from, to]);
    expect(isTightening(data.from, data.to)).toBe(tightening);
  });
});
