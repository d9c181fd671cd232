import { startTestApp, stopTestApp, type TestApp } from '../support/test-app';
import { anAssignedCase, officeTokens, postOnCase, type OfficeTokens } from '../support/case-actions';
import { recordStatusChange, relistCambodia } from '../support/status-changes';

/**
 * An auditor's walk through a Cambodia case decided on 15 October 2025, while Cambodia was on §126.1 (Table 2,
 * ¶(o): added by 86 FR 70053, its 2025 table re-insertion, 90 FR 29720, being editorial), and moved to case-by-case by the 7 November 2025 removal (FR Doc 2025-19822): the replay,
 * the dossier (JSON and printable HTML) and the register as it was known when the officer decided.
 */
const KH_CASE = {
  parties: [{ role: 'end-user', name: 'Royal Cambodian Armed Forces', country: 'KH' }],
  description: 'Radios <script>alert("x")</script> & spares',
};

describe('Audit of a Cambodia case: replay, dossier and the bitemporal register', () => {
  let t: TestApp;
  let tokens: OfficeTokens;
  let id: string;
  const auditorGet = (path: string) => t.http.get(path).set('Authorization', `Bearer ${tokens.auditor}`);

  beforeAll(async () => {
    t = await startTestApp({ now: '2025-10-15T10:00:00.000Z' });
    tokens = officeTokens(t);
    id = await anAssignedCase(t, tokens, KH_CASE);
    t.clock.set('2025-11-07T00:00:05.000Z');
    await t.reevaluate();
    t.clock.set('2025-11-12T14:00:00.000Z');
    await postOnCase(t, tokens.officer, id, 'approve', { provisos: ['No re-transfer <without> DDTC consent'] }).expect(200);
  });
  afterAll(() => stopTestApp(t));

  it('replays the case event by event, showing the track change at the re-evaluation step', async () => {
    const { body } = await auditorGet(`/applications/${id}/replay`).expect(200);
    expect(body.steps.map((step: { type: string }) => step.type)).toEqual([
      'LicenceApplicationSubmitted',
      'CaseAssigned',
      'ReviewTrackChanged',
      'LicenceApproved',
    ]);
    const [submitted, assigned, changed, approved] = body.steps;
    expect(submitted.state).toMatchObject({ status: 'submitted', reviewTrack: 'policy-of-denial', revision: 0 });
    expect(assigned.changes).toEqual(
      expect.arrayContaining([
        { field: 'status', from: 'submitted', to: 'under-review' },
        { field: 'assignee', from: null, to: 'officer-1' },
      ]),
    );
    expect(changed).toMatchObject({ revision: 2, actor: 'system:reevaluation', state: { reviewTrack: 'case-by-case' } });
    expect(changed.changes).toEqual(
      expect.arrayContaining([
        { field: 'reviewTrack', from: 'policy-of-denial', to: 'case-by-case' },
        expect.objectContaining({ field: 'determinations' }),
      ]),
    );
    expect(changed.changes.map((change: { field: string }) => change.field)).not.toContain('assignee');
    expect(approved.changes).toEqual(expect.arrayContaining([{ field: 'status', from: 'under-review', to: 'approved' }]));
    await t.http.get(`/applications/${id}/replay`).set('Authorization', `Bearer ${tokens.supervisor}`).expect(403);
    await auditorGet('/applications/00000000-0000-4000-8000-000000000000/replay').expect(404);
  });

  it('gives a JSON dossier with each determination, the register in force for it, the run and the integrity', async () => {
    const { body } = await auditorGet(`/applications/${id}/dossier`).expect(200).expect('Content-Type', /json/);
    expect(body.events).toHaveLength(4);
    expect(body.events[0]).toMatchObject({ actor: 'clerk-7', type: 'LicenceApplicationSubmitted', hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const [atSubmission, atRemoval] = body.determinationRounds;
    expect(atSubmission).toMatchObject({ eventType: 'LicenceApplicationSubmitted', policyDate: '2025-10-15', reviewTrack: 'policy-of-denial' });
    expect(atSubmission.determinations[0]).toMatchObject({ country: 'KH', paragraph: '(o)', policyVersion: 1, citation: { frCitation: '86 FR 70053' } });
    expect(atSubmission.registerInForce[0]).toMatchObject({ countryCode: 'KH', status: 'denial-with-exceptions', paragraph: '(o)' });
    expect(atRemoval).toMatchObject({ eventType: 'ReviewTrackChanged', policyDate: '2025-11-07', reviewTrack: 'case-by-case' });
    expect(atRemoval.determinations[0]).toMatchObject({ country: 'KH', policyStatus: 'not-listed', policyVersion: 3, citation: { frDocument: '2025-19822' } });
    expect(body.decisions).toEqual([
      expect.objectContaining({
        eventType: 'LicenceApproved',
        actor: 'officer-1',
        decision: expect.objectContaining({ outcome: 'approved', provisos: ['No re-transfer <without> DDTC consent'] }),
        registerInForce: [expect.objectContaining({ countryCode: 'KH', asOf: '2025-11-12', status: 'not-listed', policyVersion: 3 })],
      }),
    ]);
    expect(body.reevaluations).toEqual([
      expect.objectContaining({ outcome: 'changed', run: expect.objectContaining({ trigger: expect.objectContaining({ effectiveOn: '2025-11-07' }) }) }),
    ]);
    expect(body.integrity).toMatchObject({ chainOk: true, problems: [], anchor: { anchor: expect.stringMatching(/^[0-9a-f]{64}@\d+$/) } });
    await t.http.get(`/applications/${id}/dossier`).set('Authorization', `Bearer ${tokens.supervisor}`).expect(200);
    await t.http.get(`/applications/${id}/dossier`).set('Authorization', `Bearer ${tokens.officer}`).expect(403);
  });

  it('prints the dossier as HTML without scripts, the description escaped, every citation and the 7 November run', async () => {
    const response = await auditorGet(`/applications/${id}/dossier`).set('Accept', 'text/html').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    const html = response.text;
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('Radios &#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; spares');
    expect(html).toContain('@media print');
    expect(html).toContain('86 FR 70053, FR Doc 2021-26590');
    expect(html).toContain('22 CFR 126.1(d)(2) and (o)');
    expect(html).toContain('FR Doc 2025-19822');
    expect(html).toContain('2025-11-07');
    expect(html).toContain('<li>No re-transfer &#60;without&#62; DDTC consent</li>');
  });
});

describe('The bitemporal register: what it said about Cambodia, as known on a given day', () => {
  let t: TestApp;
  const auditorGet = (path: string) => t.http.get(path).set('Authorization', `Bearer ${t.token(['auditor'], 'auditor-1')}`);

  beforeAll(async () => {
    // The seeded register is recorded at start-up, on 1 October 2025.
    t = await startTestApp({ now: '2025-10-01T09:00:00.000Z' });
  });
  afterAll(() => stopTestApp(t));

  it('answers what the register said about Cambodia as known on the day of the decision, despite a later correction', async () => {
    // A correction recorded on 20 November, effective back on 10 November.
    t.clock.set('2025-11-20T09:00:00.000Z');
    await recordStatusChange(t, 'KH', relistCambodia('2025-11-10'));
    const asNowKnown = await auditorGet('/countries/KH?asOf=2025-11-15').expect(200);
    expect(asNowKnown.body).toMatchObject({ status: 'denial-with-exceptions', policyVersion: 5, knownAt: null });
    const asKnownThen = await auditorGet('/countries/KH?asOf=2025-11-15&knownAt=2025-11-15T12:00:00Z').expect(200);
    expect(asKnownThen.body).toMatchObject({ status: 'not-listed', policyVersion: 3, knownAt: '2025-11-15T12:00:00.000Z' });
    expect(asKnownThen.body.history).toHaveLength(4);

    const onDecisionDay = await auditorGet('/countries/KH?asOf=2025-10-15&knownAt=2025-10-15T10:00:00Z').expect(200);
    expect(onDecisionDay.body).toMatchObject({ status: 'denial-with-exceptions', paragraph: '(o)', policyVersion: 1, citation: { frCitation: '86 FR 70053' } });

    const list = await auditorGet('/countries?asOf=2025-11-15&knownAt=2025-11-15T12:00:00Z').expect(200);
    expect(list.body.items.find((item: { countryCode: string }) => item.countryCode === 'KH')).toMatchObject({ status: 'not-listed' });
    const bad = await auditorGet('/countries/KH?knownAt=yesterday').expect(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'knownAt' }] });
  });
});
