import { anAssignedCase, officeTokens, postOnCase, submitCase, type OfficeTokens } from '../support/case-actions';
import { aCitation, recordStatusChange, runOf, type HistoryItem } from '../support/status-changes';
import { startTestApp, stopTestApp, type TestApp } from '../support/test-app';

/**
 * docs/regulatory-fidelity.md, tried over HTTP as a new case officer would, on the seeded register on 3 December 2026
 * (after Cyprus's FY2026 suspension ended on 30 September 2026 with no renewal recorded).
 */
const SOUTH_SUDAN_FORCES = {
  parties: [{ role: 'end-user', name: 'South Sudan People’s Defence Forces', country: 'SS' }],
  endUseCodes: ['humanitarian-demining', 'government-security-forces'],
};
const NICARAGUA_RELIEF = {
  parties: [{ role: 'end-user', name: 'Nicaraguan Red Cross', country: 'NI' }],
  endUseCodes: ['non-lethal-humanitarian'],
};

describe('regulatory fidelity of the determinations (docs/regulatory-fidelity.md)', () => {
  let t: TestApp;
  let tokens: OfficeTokens;
  const auditor = () => `Bearer ${tokens.auditor}`;
  const caseOf = async (id: string) => (await t.http.get(`/applications/${id}`).set('Authorization', auditor()).expect(200)).body;
  const country = async (cc: string, asOf?: string) =>
    (await t.http.get(`/countries/${cc}${asOf ? `?asOf=${asOf}` : ''}`).set('Authorization', auditor()).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-03T09:00:00.000Z' });
    tokens = officeTokens(t);
  });
  afterAll(() => stopTestApp(t));

  it('puts a mixed-end-use South Sudan case on policy of denial and names the end use ¶(w) does not cover', async () => {
    const id = await submitCase(t, tokens, SOUTH_SUDAN_FORCES);
    expect(await caseOf(id)).toMatchObject({
      reviewTrack: 'policy-of-denial',
      determinations: [
        expect.objectContaining({
          country: 'SS',
          provision: '22 CFR 126.1(d)(2) and (w)',
          track: 'policy-of-denial',
          exceptionApplied: null,
          exceptionsApplied: [],
          uncoveredEndUses: ['government-security-forces'],
          unconfirmed: ['exceptions'],
        }),
      ],
    });
    // Demining alone is covered by ¶(w).
    const demining = await submitCase(t, tokens, { ...SOUTH_SUDAN_FORCES, endUseCodes: ['humanitarian-demining'] });
    expect(await caseOf(demining)).toMatchObject({
      reviewTrack: 'case-by-case',
      determinations: [expect.objectContaining({ exceptionsApplied: ['humanitarian-demining'], uncoveredEndUses: [] })],
    });
  });

  it('shows Cyprus today under ¶(r), restored on 2026-10-01 under its listing rule, with a missing-renewal warning', async () => {
    const cyprus = await country('CY');
    expect(cyprus).toMatchObject({
      status: 'denial-with-exceptions',
      table: 2,
      paragraph: '(r)',
      suspended: false,
      effectiveOn: '2026-10-01',
      reason: expect.stringContaining('ended on 2026-09-30'),
      warnings: [expect.objectContaining({ code: 'SUSPENSION_RENEWAL_MAY_BE_MISSING' })],
    });
    // The authority is the listing, not the suspension rule FR Doc 2025-17287.
    expect(cyprus.citation.frDocument).not.toBe('2025-17287');
    expect(cyprus.citation.notes).toContain('1987');
    const listed = (await t.http.get('/countries').set('Authorization', auditor()).expect(200)).body.items as Array<{
      countryCode: string;
      warnings: unknown[];
    }>;
    expect(listed.find((entry) => entry.countryCode === 'CY')?.warnings).toEqual([
      expect.objectContaining({ code: 'SUSPENSION_RENEWAL_MAY_BE_MISSING' }),
    ]);
    expect(listed.filter((entry) => entry.warnings.length > 0).map((entry) => entry.countryCode)).toEqual(['CY']);

    const id = await submitCase(t, tokens, { parties: [{ role: 'end-user', name: 'National Guard', country: 'CY' }] });
    expect((await caseOf(id)).determinations).toEqual([
      expect.objectContaining({
        country: 'CY',
        provision: '22 CFR 126.1(d)(2) and (r)',
        policyEffectiveOn: '2026-10-01',
        warnings: [expect.objectContaining({ code: 'SUSPENSION_RENEWAL_MAY_BE_MISSING' })],
      }),
    ]);
  });

  it('shows every register correction on its date (GET /countries/:cc?asOf=)', async () => {
    expect((await country('ER', '2008-10-02')).status).toBe('not-listed');
    expect(await country('ER', '2008-10-03')).toMatchObject({
      status: 'denial',
      effectiveOn: '2008-10-03',
      citation: expect.objectContaining({ frCitation: '73 FR 58041', frDocument: 'E8-23575', publishedOn: '2008-10-06' }),
    });
    expect((await country('VE', '2006-08-16')).status).toBe('not-listed');
    expect(await country('VE', '2006-08-17')).toMatchObject({ status: 'denial', citation: expect.objectContaining({ frCitation: '71 FR 47554' }) });
    expect(await country('VE', '2007-02-07')).toMatchObject({ status: 'denial', table: 1, citation: expect.objectContaining({ frDocument: 'E7-2034' }) });
    expect(await country('LY', '2007-02-06')).toMatchObject({ status: 'denial', table: 1, paragraph: null, exceptions: [] });
    expect(await country('LY', '2007-02-07')).toMatchObject({
      status: 'denial-with-exceptions',
      paragraph: '(k)',
      exceptions: ['non-lethal-humanitarian'],
      citation: expect.objectContaining({ frDocument: 'E7-2034' }),
      unconfirmed: expect.arrayContaining(['exceptions', 'citation.frCitation']),
    });
    expect((await country('CD', '2004-02-16')).status).toBe('not-listed');
    expect(await country('CD', '2004-02-17')).toMatchObject({ paragraph: '(i)', effectiveOn: '2004-02-17' });
    expect(await country('CD', '2005-08-29')).toMatchObject({
      effectiveOn: '2005-08-29',
      citation: expect.objectContaining({ frCitation: '70 FR 50966', frDocument: '05-17122', publishedOn: '2005-08-29' }),
    });
    expect(await country('KH', '2025-08-01')).toMatchObject({
      paragraph: '(o)',
      policyVersion: 1,
      citation: expect.objectContaining({ frCitation: '86 FR 70053' }),
    });
    expect((await country('CY', '2021-03-01')).exceptions).toHaveLength(7);
    expect((await country('CY', '2025-03-01')).citation.title).toMatch(/^SOURCE NOT FOUND/);
    expect(await country('AF')).toMatchObject({ paragraph: '(g)', exceptions: [], unconfirmed: expect.arrayContaining(['exceptions']) });
  });

  it('does not flag a DSP-61 temporary import for congressional notification (§123.15 covers exports)', async () => {
    const body = { licenceType: 'DSP-61', valueUsd: 500_000_000, majorDefenseEquipment: true, parties: [{ role: 'end-user', name: 'DGA', country: 'FR' }] };
    const temporaryImport = await caseOf(await submitCase(t, tokens, body));
    expect(temporaryImport.congressionalNotification).toMatchObject({ required: false, applicable: false });
    const permanentExport = await caseOf(await submitCase(t, tokens, { ...body, licenceType: 'DSP-5' }));
    expect(permanentExport.congressionalNotification).toMatchObject({ required: true, applicable: true });
  });

  it("flags the approved licence that used Nicaragua's exception when ¶(p) is narrowed, like a move to Table 1", async () => {
    const licence = await anAssignedCase(t, tokens, NICARAGUA_RELIEF);
    await postOnCase(t, tokens.officer, licence, 'approve', { provisos: [] }).expect(200);
    const pendingRelief = await submitCase(t, tokens, NICARAGUA_RELIEF);

    const { changeId, reevaluationId } = await recordStatusChange(t, 'NI', {
      status: 'denial-with-exceptions',
      paragraph: '(p)',
      exceptions: [],
      citation: aCitation('2099-00077', '2026-12-03'),
      effectiveOn: '2026-12-03',
      reason: 'Paragraph (p) narrowed: no exception for humanitarian items',
    });
    await t.reevaluate();

    expect(await runOf(t, reevaluationId)).toMatchObject({
      status: 'completed',
      flagged: 1,
      changed: 1,
      trigger: expect.objectContaining({ exceptionsRemoved: ['non-lethal-humanitarian'] }),
    });
    expect(await caseOf(licence)).toMatchObject({ status: 'approved', flaggedForReview: true });
    const history = (await t.http.get(`/applications/${licence}/history`).set('Authorization', auditor()).expect(200)).body
      .items as HistoryItem[];
    expect(history.at(-1)).toMatchObject({
      type: 'LicenceFlaggedForReview',
      data: {
        authority: '22 CFR 126.7',
        reevaluationId,
        determination: expect.objectContaining({ track: 'policy-of-denial', uncoveredEndUses: ['non-lethal-humanitarian'] }),
      },
      metadata: { causationId: changeId, actor: 'system:reevaluation' },
    });
    expect((await caseOf(pendingRelief)).reviewTrack).toBe('policy-of-denial');
    expect((await country('NI')).history.at(-1)).toMatchObject({ exceptionsRemoved: ['non-lethal-humanitarian'] });
  });
});
