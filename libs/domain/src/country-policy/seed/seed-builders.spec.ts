import { country, histories, keyParts, NOT_LISTED, statusChange, suspended, TABLE_1, table2, uniqueKeys } from './seed-builders';

const RULE = { frCitation: '86 FR 70053', frDocument: '2021-26590', publishedOn: '2021-12-09' };

describe('seed builders', () => {
  it('read the country and the effective date from the key', () => {
    expect(keyParts('KH-2021-12-09-added')).toEqual({ countryCode: 'KH', effectiveOn: '2021-12-09' });
  });

  it.each(['kh-2021-12-09-added', 'KH-2021-12-9-added', 'KH-2021-12-09', 'KH-2021-12-09-Added', 'KH-2021-02-30-added'])(
    'refuse the malformed key %s',
    (key) => {
      expect(() => keyParts(key)).toThrow(/not <ISO>-<YYYY-MM-DD>-<slug>|not a calendar date/);
    },
  );

  it('build the full command, with null for the citation parts and announcement not given and nothing unconfirmed', () => {
    expect(statusChange('KH-2021-12-09-added', 'Cambodia', { standing: table2('(o)', 'humanitarian-demining'), citation: RULE, reason: 'Added' })).toEqual({
      countryCode: 'KH',
      countryName: 'Cambodia',
      status: 'denial-with-exceptions',
      paragraph: '(o)',
      exceptions: ['humanitarian-demining'],
      suspendedUntil: null,
      statusAfterSuspension: null,
      citation: { ...RULE, title: null, notes: null },
      effectiveOn: '2021-12-09',
      announcedOn: null,
      reason: 'Added',
      unconfirmed: [],
    });
  });

  it('keep what a change gives: announcement, title, notes and unconfirmed fields', () => {
    const change = statusChange('KH-2025-11-07-removed', 'Cambodia', {
      standing: NOT_LISTED,
      citation: { frDocument: '2025-19822', title: 'Changes to Section 126.1', notes: 'page not found' },
      announcedOn: '2025-10-26',
      reason: 'Removed',
      unconfirmed: ['citation.frCitation', 'announcedOn'],
    });
    expect(change).toMatchObject({
      status: 'not-listed',
      paragraph: null,
      exceptions: [],
      citation: { frCitation: null, frDocument: '2025-19822', publishedOn: null, title: 'Changes to Section 126.1', notes: 'page not found' },
      announcedOn: '2025-10-26',
      unconfirmed: ['citation.frCitation', 'announcedOn'],
    });
  });

  it('refuse a change without a reason, or with an impossible date', () => {
    expect(() => statusChange('KH-2021-12-09-added', 'Cambodia', { standing: TABLE_1, citation: RULE, reason: ' ' })).toThrow(/no reason/);
    expect(() =>
      statusChange('KH-2021-12-09-added', 'Cambodia', { standing: TABLE_1, citation: { ...RULE, publishedOn: '2021-13-01' }, reason: 'x' }),
    ).toThrow(/not a calendar date/);
  });

  it('suspend a listing through a date, lapsing back to it', () => {
    expect(suspended('2026-09-30', table2('(r)'))).toEqual({
      status: 'not-listed',
      paragraph: '(r)',
      exceptions: [],
      suspendedUntil: '2026-09-30',
      statusAfterSuspension: 'denial-with-exceptions',
    });
  });

  describe('a country history', () => {
    const listed = { standing: table2('(o)', 'humanitarian-demining'), citation: RULE, reason: 'Added' };

    it('carries the standing over to an amendment, with its own citation and flags', () => {
      const [, amended] = country('KH', 'Cambodia')
        .change('KH-2021-12-09-added', listed)
        .amended('KH-2025-07-07-updated', { citation: { notes: 'update' }, reason: 'Updated', unconfirmed: ['exceptions'] }).changes;
      expect(amended).toEqual({
        key: 'KH-2025-07-07-updated',
        change: expect.objectContaining({
          status: 'denial-with-exceptions',
          paragraph: '(o)',
          exceptions: ['humanitarian-demining'],
          effectiveOn: '2025-07-07',
          citation: { frCitation: null, frDocument: null, publishedOn: null, title: null, notes: 'update' },
          reason: 'Updated',
          unconfirmed: ['exceptions'],
        }),
      });
    });

    it('refuses an amendment of nothing, a key of another country and a change out of date order', () => {
      expect(() => country('KH', 'Cambodia').amended('KH-2025-07-07-updated', listed)).toThrow(/amends nothing/);
      expect(() => country('KH', 'Cambodia').change('NI-2021-12-09-added', listed)).toThrow(/not a change of KH/);
      expect(() => country('KH', 'Cambodia').change('KH-2021-12-09-added', listed).change('KH-2021-12-08-early', listed)).toThrow(
        /out of order/,
      );
    });

    it('keeps changes on the same date in the order given', () => {
      const keys = country('CY', 'Cyprus')
        .change('CY-2021-09-30-a', listed)
        .amended('CY-2021-09-30-b', { citation: RULE, reason: 'Same day' })
        .changes.map((seed) => seed.key);
      expect(keys).toEqual(['CY-2021-09-30-a', 'CY-2021-09-30-b']);
    });
  });

  it('join histories in order, refusing a country given twice or a key used twice', () => {
    const cambodia = () => country('KH', 'Cambodia').change('KH-2021-12-09-added', { standing: TABLE_1, citation: RULE, reason: 'Added' });
    const nicaragua = country('NI', 'Nicaragua').change('NI-2024-03-15-added', { standing: TABLE_1, citation: RULE, reason: 'Added' });
    expect(histories(nicaragua, cambodia()).map((seed) => seed.key)).toEqual(['NI-2024-03-15-added', 'KH-2021-12-09-added']);
    expect(() => histories(cambodia(), nicaragua, cambodia())).toThrow(/KH has two histories/);
    expect(() => uniqueKeys([...cambodia().changes, ...cambodia().changes])).toThrow(/KH-2021-12-09-added is used twice/);
  });
});
