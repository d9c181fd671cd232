import { decideCountryStatusChange } from '../country-policy.decide';
import {
  entryInForceOn,
  evolveCountryPolicy,
  initialCountryPolicyState,
  statusOn,
  type CountryPolicyState,
} from '../country-policy.state';
import { UNCONFIRMED_FIELDS } from './seed-builders';
import { SECTION_126_1_CORRECTIONS } from './section-126-1.corrections';
import { SECTION_126_1_SEED } from './section-126-1.seed';

/** Folds the seed per country through the decider, as the seeding job does. */
function foldSeed(): Map<string, CountryPolicyState> {
  const states = new Map<string, CountryPolicyState>();
  for (const { change } of SECTION_126_1_SEED) {
    const state = states.get(change.countryCode) ?? initialCountryPolicyState;
    const events = decideCountryStatusChange(state, change);
    states.set(change.countryCode, events.reduce(evolveCountryPolicy, state));
  }
  return states;
}

function inForce(states: Map<string, CountryPolicyState>, countryCode: string, date: string) {
  const state = states.get(countryCode) ?? initialCountryPolicyState;
  const entry = entryInForceOn(state, date);
  return { entry, status: statusOn(entry, date) };
}

const TODAY = '2025-11-08';
const TABLE_1 = ['BY', 'MM', 'CN', 'CU', 'IR', 'KP', 'SY', 'VE'];
const TABLE_2: Record<string, string> = {
  AF: '(g)',
  CF: '(u)',
  CD: '(i)',
  ER: '(h)',
  ET: '(n)',
  HT: '(j)',
  IQ: '(f)',
  LB: '(t)',
  LY: '(k)',
  NI: '(p)',
  RU: '(l)',
  SO: '(m)',
  SS: '(w)',
  SD: '(v)',
  ZW: '(s)',
};
const NOT_LISTED = ['KH', 'CI', 'LR', 'LK', 'VN'];

describe('§126.1 seed', () => {
  it('has unique keys, each prefixed with its country code', () => {
    const keys = SECTION_126_1_SEED.map((seed) => seed.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const { key, change } of SECTION_126_1_SEED) {
      expect(key).toMatch(/^[A-Z]{2}-\d{4}-\d{2}-\d{2}-[a-z0-9-]+$/);
      expect(key.startsWith(`${change.countryCode}-`)).toBe(true);
    }
  });

  it('groups changes by country, chronologically within each country, with one name per country', () => {
    const seen: string[] = [];
    const names = new Map<string, string>();
    let previous: { countryCode: string; effectiveOn: string } | null = null;
    for (const { change } of SECTION_126_1_SEED) {
      if (previous === null || previous.countryCode !== change.countryCode) {
        expect(seen).not.toContain(change.countryCode);
        seen.push(change.countryCode);
      } else {
        expect(change.effectiveOn >= previous.effectiveOn).toBe(true);
      }
      expect(names.get(change.countryCode) ?? change.countryName).toBe(change.countryName);
      names.set(change.countryCode, change.countryName);
      previous = change;
    }
    expect([...seen].sort()).toEqual([...TABLE_1, ...Object.keys(TABLE_2), 'CY', ...NOT_LISTED].sort());
  });

  it('passes the decision for every change, each country starting with a listing from not-listed', () => {
    expect(() => foldSeed()).not.toThrow();
    for (const [countryCode, state] of foldSeed()) {
      expect({ countryCode, from: state.entries[0]?.from, to: state.entries[0]?.to }).toEqual({
        countryCode,
        from: 'not-listed',
        to: expect.not.stringMatching(/^not-listed$/),
      });
    }
  });

  it('names only known fields as unconfirmed and cites every change', () => {
    for (const { key, change } of SECTION_126_1_SEED) {
      const unknown = change.unconfirmed.filter((field) => !(UNCONFIRMED_FIELDS as readonly string[]).includes(field));
      expect({ key, unknown }).toEqual({ key, unknown: [] });
      expect(change.reason.trim()).not.toBe('');
      const { frCitation, frDocument, notes } = change.citation;
      expect(Boolean(frCitation || frDocument || notes)).toBe(true);
      // A missing FR page or document number is flagged as not found, unless the whole source is a note.
      if (frDocument !== null && frCitation === null && change.citation.publishedOn !== null) {
        expect(change.unconfirmed).toContain('citation.frCitation');
      }
    }
  });

  it('records every §3 rule that touches several countries for each of them', () => {
    const countriesFor = (frDocument: string) =>
      SECTION_126_1_SEED.filter((seed) => seed.change.citation.frDocument === frDocument)
        .map((seed) => seed.change.countryCode)
        .sort();
    expect(countriesFor('2016-23284')).toEqual(['CD', 'CI', 'ER', 'LK', 'LR', 'SO', 'VN']);
    expect(countriesFor('2025-12560')).toEqual(['CD', 'CF', 'HT', 'KH', 'LY', 'SD', 'SO', 'SS']);
    expect(countriesFor('2021-23450')).toEqual(['ER', 'ET']);
    const singleCountryRules = [
      '2018-02995',
      '2020-13511',
      '2020-20902',
      '2021-05530',
      '2021-26590',
      '2022-25541',
      '2023-19851',
      '2024-05695',
      '2025-17287',
      '2025-19822',
    ];
    for (const frDocument of singleCountryRules) expect(countriesFor(frDocument)).toHaveLength(1);
    expect(SECTION_126_1_SEED.filter((seed) => seed.change.citation.frCitation === '86 FR 54044')).toHaveLength(1);
  });

  describe('every change of the seed and its corrections', () => {
    const log = [...SECTION_126_1_SEED, ...SECTION_126_1_CORRECTIONS];

    it('has a key of its own naming its country and effective date', () => {
      expect(new Set(log.map((seed) => seed.key)).size).toBe(log.length);
      for (const { key, change } of log) expect(key.slice(0, 13)).toBe(`${change.countryCode}-${change.effectiveOn}`);
    });

    it('flags its effective date or publication date when the sources give no publication date', () => {
      for (const { key, change } of log.filter((seed) => seed.change.citation.publishedOn === null)) {
        const flagged = change.unconfirmed.filter((field) => field === 'effectiveOn' || field === 'citation.publishedOn');
        expect({ key, flagged: flagged.length > 0 }).toEqual({ key, flagged: true });
      }
    });

    it('flags a stand-in effective date (1 January of the period the notes name)', () => {
      const standIns = log.filter(
        ({ change }) => change.effectiveOn.endsWith('-01-01') && change.citation.publishedOn !== change.effectiveOn,
      );
      expect(standIns.length).toBeGreaterThan(10);
      for (const { key, change } of standIns) {
        expect({ key, unconfirmed: change.unconfirmed }).toEqual({ key, unconfirmed: expect.arrayContaining(['effectiveOn']) });
      }
    });

    it('flags a missing FR document number where the FR page and date are known', () => {
      const pageWithoutDocument = log.filter(({ change: { citation } }) =>
        citation.frCitation !== null && citation.frDocument === null && citation.publishedOn !== null,
      );
      expect(pageWithoutDocument.length).toBeGreaterThan(0);
      for (const { key, change } of pageWithoutDocument) {
        expect({ key, unconfirmed: change.unconfirmed }).toEqual({ key, unconfirmed: expect.arrayContaining(['citation.frDocument']) });
      }
    });
  });

  describe('keeps the known unconfirmed facts flagged', () => {
    const unconfirmedOf = (key: string) =>
      [...SECTION_126_1_SEED, ...SECTION_126_1_CORRECTIONS].find((seed) => seed.key === key)?.change.unconfirmed;

    it.each([
      ['SD-1994-04-04-listed', ['effectiveOn', 'status', 'paragraph', 'exceptions', 'citation.frCitation']],
      ['LY-1990-01-01-listed', ['effectiveOn', 'status', 'paragraph', 'exceptions']],
      ['HT-1994-04-04-listed', ['effectiveOn', 'status', 'citation.frCitation']],
      ['ZW-2011-08-08-listed', ['effectiveOn', 'paragraph', 'exceptions']],
      ['RU-2021-03-18-added', ['paragraph']],
      ['KH-2025-11-07-removed', ['citation.frCitation', 'announcedOn']],
      ['VN-1990-01-01-listed', ['effectiveOn', 'status', 'paragraph']],
      ['CD-2004-02-17-paragraph-i-created', ['exceptions', 'citation.frCitation', 'citation.frDocument', 'citation.publishedOn']],
      ['VE-2007-02-07-added-126-1-a', ['citation.frCitation']],
    ])('%s: %j', (key, fields) => {
      expect(unconfirmedOf(key)).toEqual(fields);
    });
  });

  describe(`in force on ${TODAY}`, () => {
    const states = foldSeed();

    it.each(TABLE_1)('%s is Table 1 (denial, no paragraph, no exceptions)', (countryCode) => {
      const { entry, status } = inForce(states, countryCode, TODAY);
      expect(status).toBe('denial');
      expect(entry?.paragraph).toBeNull();
      expect(entry?.exceptions).toEqual([]);
    });

    it.each(Object.entries(TABLE_2))('%s is Table 2 under ¶%s', (countryCode, paragraph) => {
      const { entry, status } = inForce(states, countryCode, TODAY);
      expect(status).toBe('denial-with-exceptions');
      expect(entry?.paragraph).toBe(paragraph);
      expect(entry?.suspendedUntil).toBeNull();
    });

    it('Cyprus is in Table 2 under ¶(r) but its denial is suspended to 2026-09-30', () => {
      const { entry, status } = inForce(states, 'CY', TODAY);
      expect(status).toBe('not-listed');
      expect(entry).toMatchObject({
        paragraph: '(r)',
        suspendedUntil: '2026-09-30',
        statusAfterSuspension: 'denial-with-exceptions',
      });
      expect(entry?.citation.frDocument).toBe('2025-17287');
    });

    it.each(NOT_LISTED)('%s is not listed', (countryCode) => {
      const { entry, status } = inForce(states, countryCode, TODAY);
      expect(status).toBe('not-listed');
      expect(entry?.paragraph).toBeNull();
      expect(entry?.suspendedUntil).toBeNull();
    });
  });

  describe('Cambodia', () => {
    const states = foldSeed();

    it('is not listed before the 2021 addition', () => {
      expect(inForce(states, 'KH', '2021-12-08')).toEqual({ entry: null, status: 'not-listed' });
    });

    it.each(['2021-12-09', '2022-06-01', '2025-07-07', '2025-11-06'])(
      'is denial-with-exceptions under ¶(o) with both exceptions on %s',
      (date) => {
        const { entry, status } = inForce(states, 'KH', date);
        expect(status).toBe('denial-with-exceptions');
        expect(entry?.paragraph).toBe('(o)');
        expect(entry?.exceptions).toEqual(['conventional-weapons-destruction', 'humanitarian-demining']);
      },
    );

    it('is not listed from 2025-11-07, citing FR Doc 2025-19822', () => {
      const { entry, status } = inForce(states, 'KH', '2025-11-07');
      expect(status).toBe('not-listed');
      expect(entry).toMatchObject({
        from: 'denial-with-exceptions',
        to: 'not-listed',
        paragraph: null,
        exceptions: [],
        effectiveOn: '2025-11-07',
        announcedOn: '2025-10-26',
        citation: {
          frCitation: null,
          frDocument: '2025-19822',
          publishedOn: '2025-11-07',
          title: 'International Traffic in Arms Regulations: Changes to Section 126.1',
        },
      });
      expect(entry?.unconfirmed).toEqual(expect.arrayContaining(['citation.frCitation', 'announcedOn']));
    });

    it('has exactly the addition, the 2025 table fix and the removal', () => {
      const entries = states.get('KH')?.entries ?? [];
      expect(entries.map((entry) => [entry.effectiveOn, entry.from, entry.to])).toEqual([
        ['2021-12-09', 'not-listed', 'denial-with-exceptions'],
        ['2025-07-07', 'denial-with-exceptions', 'denial-with-exceptions'],
        ['2025-11-07', 'denial-with-exceptions', 'not-listed'],
      ]);
      expect(entries[0]?.citation).toMatchObject({ frCitation: '86 FR 70053', frDocument: '2021-26590' });
      expect(entries[0]?.citation.notes).toEqual(expect.stringContaining('Public Notice 11601'));
      expect(entries[0]?.citation.notes).toEqual(expect.stringContaining('RIN 1400-AF47'));
    });
  });

  describe('Cyprus', () => {
    const states = foldSeed();

    it('is suspended (not listed) on 2026-01-01', () => {
      expect(inForce(states, 'CY', '2026-01-01').status).toBe('not-listed');
    });

    it('reverts to denial-with-exceptions on 2026-10-01 when the FY2026 suspension lapses', () => {
      expect(inForce(states, 'CY', '2026-10-01').status).toBe('denial-with-exceptions');
      expect(inForce(states, 'CY', '2026-09-30').status).toBe('not-listed');
    });

    it('has only the partial (non-lethal) waiver in FY2021–22', () => {
      const { entry, status } = inForce(states, 'CY', '2021-06-01');
      expect(status).toBe('denial-with-exceptions');
      expect(entry?.exceptions).toEqual(['non-lethal-humanitarian']);
      expect(entry?.unconfirmed).toContain('exceptions');
    });

    it('is suspended through every fiscal year from FY2023', () => {
      for (const date of ['2022-10-01', '2023-09-30', '2023-10-01', '2024-10-01', '2025-09-30', '2025-10-01']) {
        expect({ date, status: inForce(states, 'CY', date).status }).toEqual({ date, status: 'not-listed' });
      }
    });

    it('flags every memory-derived field of the FY2025 suspension, whose rule was not found', () => {
      const fy2025 = SECTION_126_1_SEED.find((seed) => seed.key === 'CY-2024-10-01-fy2025-suspension');
      expect(fy2025?.change).toMatchObject({
        status: 'not-listed',
        effectiveOn: '2024-10-01',
        suspendedUntil: '2025-09-30',
        statusAfterSuspension: 'denial-with-exceptions',
        citation: { frCitation: null, frDocument: null, publishedOn: null },
      });
      expect(fy2025?.change.citation.notes).toMatch(/not found/i);
      expect(fy2025?.change.unconfirmed).toEqual(
        expect.arrayContaining([
          'status',
          'paragraph',
          'suspendedUntil',
          'statusAfterSuspension',
          'effectiveOn',
          'citation.frCitation',
          'citation.frDocument',
          'citation.publishedOn',
        ]),
      );
    });

    it('flags the [M] paragraph letter on every Cyprus change', () => {
      for (const entry of states.get('CY')?.entries ?? []) expect(entry.unconfirmed).toContain('paragraph');
    });
  });
});
