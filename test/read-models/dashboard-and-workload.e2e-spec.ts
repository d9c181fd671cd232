import { appendCaseEvent, AT, submitCase } from './read-model-fixtures';
import { startTestApp, stopTestApp, type TestApp } from '../support/test-app';
import { openTestEventStore } from '../support/test-event-store';

describe('GET /dashboard and GET /officers/workload', () => {
  let t: TestApp;
  let supervisor: string;

  // A fresh app per test: each one counts the cases it made itself, whatever ran before it.
  beforeEach(async () => {
    t = await startTestApp({ now: '2026-03-01T09:00:00.000Z' });
    supervisor = `Bearer ${t.token(['supervisor'], 'sup-1')}`;
  });
  afterEach(() => stopTestApp(t));

  const get = (url: string, auth = supervisor) => t.http.get(url).set('Authorization', auth);

  it('counts cases by status, review track and party country, and totals each case once', async () => {
    const kh = await submitCase(t, ['KH']);
    const deVe = await submitCase(t, ['DE', 'VE']);
    await submitCase(t, ['VE']);
    await appendCaseEvent(t, deVe, 'CaseAssigned', { officerId: 'officer-b', previousOfficerId: null, assignedAt: AT, assignedBy: 'sup-1' });
    await appendCaseEvent(t, kh, 'CaseAssigned', { officerId: 'officer-a', previousOfficerId: null, assignedAt: AT, assignedBy: 'sup-1' });
    const last = await appendCaseEvent(t, kh, 'LicenceApproved', { approvedAt: AT, validFrom: '2026-03-01', validUntil: '2030-02-28' });

    const response = await get('/dashboard').expect(200);

    expect(response.body.counts).toEqual([
      { status: 'approved', reviewTrack: 'case-by-case', country: 'KH', count: 1 },
      { status: 'submitted', reviewTrack: 'policy-of-denial', country: 'VE', count: 1 },
      { status: 'under-review', reviewTrack: 'policy-of-denial', country: 'DE', count: 1 },
      { status: 'under-review', reviewTrack: 'policy-of-denial', country: 'VE', count: 1 },
    ]);
    expect(response.body.totals).toEqual({
      byStatus: {
        submitted: 1,
        'under-review': 1,
        referred: 0,
        approved: 1,
        denied: 0,
        'returned-without-action': 0,
        withdrawn: 0,
        suspended: 0,
        revoked: 0,
        expired: 0,
      },
      byReviewTrack: { 'policy-of-denial': 2, 'case-by-case': 1 },
      cases: 3,
    });
    expect(response.body.asOfPosition).toBe(last);
  });

  it("follows a review-track change into the dashboard's buckets", async () => {
    const id = await submitCase(t, ['CY']);
    const before = (await get('/dashboard').expect(200)).body.counts;
    const track = before.find((c: { country: string }) => c.country === 'CY').reviewTrack as string;
    const to = track === 'case-by-case' ? 'policy-of-denial' : 'case-by-case';
    await appendCaseEvent(t, id, 'ReviewTrackChanged', { from: track, to, determinations: [] });

    const after = (await get('/dashboard').expect(200)).body.counts;
    expect(after.filter((c: { country: string }) => c.country === 'CY')).toEqual([
      { status: 'submitted', reviewTrack: to, country: 'CY', count: 1 },
    ]);
  });

  it("gives each officer's assigned cases by status, sorted, and one officer on request", async () => {
    const referred = await submitCase(t, ['FR']);
    await appendCaseEvent(t, referred, 'CaseAssigned', { officerId: 'officer-a', previousOfficerId: null, assignedAt: AT, assignedBy: 'sup-1' });
    await appendCaseEvent(t, referred, 'CaseReferred', { agency: 'DoD', referredAt: AT, referredBy: 'officer-a' });
    // Re-assignment moves the case from one officer's counts to the other's.
    const moved = await submitCase(t, ['FR']);
    await appendCaseEvent(t, moved, 'CaseAssigned', { officerId: 'officer-c', previousOfficerId: null, assignedAt: AT, assignedBy: 'sup-1' });
    await appendCaseEvent(t, moved, 'CaseAssigned', { officerId: 'officer-b', previousOfficerId: 'officer-c', assignedAt: AT, assignedBy: 'sup-1' });

    const decided = await submitCase(t, ['KH']);
    await appendCaseEvent(t, decided, 'CaseAssigned', { officerId: 'officer-a', previousOfficerId: null, assignedAt: AT, assignedBy: 'sup-1' });
    await appendCaseEvent(t, decided, 'LicenceApproved', { approvedAt: AT, validFrom: '2026-03-01', validUntil: '2030-02-28' });
    const underReview = await submitCase(t, ['DE']);
    await appendCaseEvent(t, underReview, 'CaseAssigned', { officerId: 'officer-b', previousOfficerId: null, assignedAt: AT, assignedBy: 'sup-1' });

    const response = await get('/officers/workload').expect(200);

    expect(response.body).toEqual({
      officers: [
        { officerId: 'officer-a', underReview: 0, referred: 1, open: 1, decided: 1 },
        { officerId: 'officer-b', underReview: 2, referred: 0, open: 2, decided: 0 },
      ],
    });
    expect((await get('/officers/workload?officerId=officer-b').expect(200)).body.officers).toEqual([
      { officerId: 'officer-b', underReview: 2, referred: 0, open: 2, decided: 0 },
    ]);
    expect((await get('/officers/workload?officerId=nobody').expect(200)).body).toEqual({ officers: [] });
    const bad = await get('/officers/workload?officer=officer-b').expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('opens the dashboard to officers, supervisors and auditors, and the workload to supervisors and auditors', async () => {
    await t.http.get('/dashboard').expect(401);
    await t.http.get('/officers/workload').expect(401);
    await get('/dashboard', `Bearer ${t.token(['case-officer'])}`).expect(200);
    await get('/dashboard', `Bearer ${t.token(['auditor'])}`).expect(200);
    await get('/dashboard', `Bearer ${t.token(['intake'])}`).expect(403);
    await get('/officers/workload', `Bearer ${t.token(['auditor'])}`).expect(200);
    await get('/officers/workload', `Bearer ${t.token(['case-officer'])}`).expect(403);
  });
});

describe('GET /health with projection lag', () => {
  it('reports each projection, and the server picks up events appended by another process', async () => {
    const t = await startTestApp();
    try {
      await submitCase(t, ['KH']);
      await t.http.get('/applications').set('Authorization', `Bearer ${t.token(['auditor'])}`).expect(200);
      const health = await t.http.get('/health').expect(200);
      expect(health.body).toMatchObject({ status: 'ok', eventStore: { status: 'up' } });
      const caughtUp = { position: health.body.eventStore.lastPosition, eventsBehind: 0, eventsBehindCapped: false, caughtUp: true };
      expect(health.body.projections).toEqual([
        { name: 'cases', ...caughtUp },
        { name: 'reevaluations', ...caughtUp },
      ]);

      // Another process appends to the same log: the server's poller projects it without any read.
      const other = await openTestEventStore(t.dataDir);
      const id = '0b7d5f8e-1a2b-4c3d-8e9f-000000000001';
      const { position } = await other.appendToStream(
        `LicenceApplication-${id}`,
        [
          {
            id: '0b7d5f8e-1a2b-4c3d-8e9f-0000000000e1',
            type: 'LicenceApplicationSubmitted',
            data: { applicationId: id, licenceType: 'DSP-5', applicant: { name: 'Other', registrationCode: 'M1' }, valueUsd: 1, submittedAt: '2026-01-01T00:00:00.000Z', reviewTrack: 'case-by-case', parties: [{ role: 'end-user', name: 'x', country: 'DE' }], determinations: [] },
            metadata: { actor: 'other-process', correlationId: 'c', causationId: null, schemaVersion: 1 },
          },
        ],
        { expectedRevision: 'no-stream' },
      );
      await other.close();
      // Both projections read the LicenceApplication category, and every checkpoint moves past the new event.
      const deadline = Date.now() + 5_000;
      let projected: Array<string | null> = [null];
      while (Date.now() < deadline && !projected.every((at) => at === position)) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        projected = (await t.http.get('/health').expect(200)).body.projections.map((p: { position: string }) => p.position);
      }
      expect(projected).toEqual([position, position]);
    } finally {
      await stopTestApp(t);
    }
  });
});
