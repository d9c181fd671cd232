import { decideReevaluation } from '../../licence-application/licence-application.reevaluate.decide';
import {
  aCase,
  anEndUser,
  aReevaluation,
  aStatusChange,
  registerAfter,
  registerFromSeed,
  seededStatusChange,
  snapshotOn,
  triggerOf,
} from '../../testing/domain-builders';
import { policyInForce } from '../policy-snapshot';
import { SECTION_126_1_CORRECTIONS } from './section-126-1.corrections';
import { SECTION_126_1_SEED, seedCommand } from './section-126-1.seed';

/** Given the seed and its corrections, when the register is read on a date, then it shows the sourced facts. */
const register = registerFromSeed();
const on = (country: string, date: string) => policyInForce(country, register[country]!, date);

describe('the corrections themselves', () => {
  const historyKeys = new Set(SECTION_126_1_SEED.map((seed) => seed.key));

  it('have keys of their own, correct a seeded change of the same country, and are cited with a reason', () => {
    for (const { key, change, correction } of SECTION_126_1_CORRECTIONS) {
      expect(historyKeys.has(key)).toBe(false);
      expect(correction).toBeDefined();
      if (correction?.supersedes) {
        expect(historyKeys.has(correction.supersedes)).toBe(true);
        expect(correction.supersedes.startsWith(`${change.countryCode}-`)).toBe(true);
      }
      expect(change.reason.trim()).not.toBe('');
      expect(Boolean(change.citation.frCitation || change.citation.frDocument || change.citation.notes)).toBe(true);
    }
  });

  it('are refused, not thrown, when the change they correct is not recorded', () => {
    const [first] = SECTION_126_1_CORRECTIONS;
    expect(() => seedCommand(first!, () => undefined)).toThrow(expect.objectContaining({ code: 'INVALID_STATUS_CHANGE' }));
  });
});

describe('register corrections (docs/regulation.md)', () => {
  it('lists Eritrea from 2008-10-03 under 73 FR 58041, published 2008-10-06', () => {
    expect(on('ER', '2008-10-02').status).toBe('not-listed');
    expect(on('ER', '2008-10-03')).toMatchObject({
      status: 'denial',
      effectiveOn: '2008-10-03',
      citation: expect.objectContaining({ frCitation: '73 FR 58041', publishedOn: '2008-10-06' }),
    });
  });

  it('puts Venezuela under a policy of denial from 2006-08-17 (71 FR 47554) and in §126.1(a) from 2007-02-07 (E7-2034)', () => {
    expect(on('VE', '2006-08-16').status).toBe('not-listed');
    expect(on('VE', '2006-08-17')).toMatchObject({ status: 'denial', citation: expect.objectContaining({ frCitation: '71 FR 47554' }) });
    expect(on('VE', '2007-02-07')).toMatchObject({ status: 'denial', citation: expect.objectContaining({ frDocument: 'E7-2034' }) });
  });

  it('gives Libya a plain denial until 2007-02-07, then ¶(k) case by case for non-lethal items', () => {
    expect(on('LY', '2007-02-06')).toMatchObject({ status: 'denial', paragraph: null, exceptions: [] });
    expect(on('LY', '2007-02-07')).toMatchObject({ status: 'denial-with-exceptions', paragraph: '(k)', exceptions: ['non-lethal-humanitarian'] });
  });

  it('dates DR Congo ¶(i) from 2004-02-17 and its expansion from 2005-08-29 (70 FR 50966)', () => {
    expect(on('CD', '2004-02-16').status).toBe('not-listed');
    expect(on('CD', '2004-02-17')).toMatchObject({ paragraph: '(i)', effectiveOn: '2004-02-17' });
    expect(on('CD', '2005-08-29')).toMatchObject({ citation: expect.objectContaining({ frCitation: '70 FR 50966', frDocument: '05-17122' }) });
  });

  it("keeps ¶(o)'s authority at 86 FR 70053 through Cambodia's editorial 2025 re-insertion", () => {
    expect(on('KH', '2025-08-01')).toMatchObject({ policyVersion: 1, citation: expect.objectContaining({ frCitation: '86 FR 70053' }) });
  });

  it('shows the Cyprus FY2021 waiver covering every end use, and FY2025 with a visible "source not found"', () => {
    expect(on('CY', '2021-01-01').exceptions).toHaveLength(7);
    expect(on('CY', '2025-01-01').citation?.title).toMatch(/^SOURCE NOT FOUND/);
  });

  it('restores Cyprus ¶(r) after the FY2026 lapse under its listing rule, with the lapse as reason and a renewal warning', () => {
    expect(on('CY', '2026-10-01')).toMatchObject({
      status: 'denial-with-exceptions',
      paragraph: '(r)',
      effectiveOn: '2026-10-01',
      citation: expect.objectContaining({ frDocument: null, notes: expect.stringContaining('1987') }),
      reason: expect.stringContaining('ended on 2026-09-30'),
      warnings: [expect.objectContaining({ code: 'SUSPENSION_RENEWAL_MAY_BE_MISSING' })],
    });
  });

  it('gives Afghanistan ¶(g) no exception, flagged unconfirmed', () => {
    expect(on('AF', '2025-11-08')).toMatchObject({ exceptions: [], unconfirmed: expect.arrayContaining(['exceptions']) });
  });
});

describe('narrowing a Table 2 paragraph is a tightening (86 FR 60165 precedent)', () => {
  const narrowed = registerAfter(
    aStatusChange({
      countryCode: 'NI',
      countryName: 'Nicaragua',
      paragraph: '(p)',
      exceptions: [],
      effectiveOn: '2026-01-15',
      reason: 'Paragraph (p) narrowed',
    }),
  );
  const [event] = narrowed.recorded;

  it('records the exceptions it removed', () => {
    expect(event!.data).toMatchObject({ from: 'denial-with-exceptions', to: 'denial-with-exceptions', exceptionsRemoved: ['non-lethal-humanitarian'] });
  });

  it('flags an approved, unexpired Nicaraguan licence that relied on the removed exception', () => {
    const licence = aCase({ parties: [anEndUser('NI', 'Nicaraguan Red Cross')], endUseCodes: ['non-lethal-humanitarian'] })
      .assigned()
      .approved();
    expect(licence.state?.determinations[0]).toMatchObject({ exceptionsApplied: ['non-lethal-humanitarian'] });
    const trigger = { ...triggerOf(event!, 'e0f1a2b3-c4d5-4e6f-8a9b-0c1d2e3f4a5b'), exceptionsRemoved: ['non-lethal-humanitarian' as const] };
    const decision = decideReevaluation(
      licence.state,
      aReevaluation({ trigger, policy: snapshotOn('2026-01-15', narrowed.register), at: '2026-01-15T06:00:00.000Z' }),
    );
    expect(decision.outcome).toBe('flagged');
    expect(decision.events[0]).toMatchObject({
      type: 'LicenceFlaggedForReview',
      data: { authority: '22 CFR 126.7', determination: expect.objectContaining({ track: 'policy-of-denial', uncoveredEndUses: ['non-lethal-humanitarian'] }) },
    });
  });

  it('flags nothing for a correction of the past that is not the entry in force (Libya before 2007)', () => {
    const libyanLicence = aCase({ parties: [anEndUser('LY', 'Libyan Red Crescent')], endUseCodes: ['non-lethal-humanitarian'] })
      .assigned()
      .approved();
    const libya = register.LY!;
    const correction = libya.entries.find((entry) => entry.correction?.supersedes === 1)!;
    expect(correction).toMatchObject({ from: 'denial-with-exceptions', to: 'denial', effectiveOn: '1990-01-01' });
    const trigger = { ...triggerOf({ type: 'CountryStatusChanged', data: correction }, 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e'), correction: true };
    const decision = decideReevaluation(libyanLicence.state, aReevaluation({ trigger, policy: snapshotOn('2025-11-10', register) }));
    expect(decision).toEqual({ outcome: 'not-affected', events: [] });
  });

  it('leaves a seeded same-status change without removed exceptions', () => {
    expect(seededStatusChange('NI-2024-03-15-added').data.exceptionsRemoved).toEqual([]);
  });
});
