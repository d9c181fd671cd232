import { anApplication, startTestApp, stopTestApp, type TestApp } from '../support/test-app';

describe('POST /applications (submit) and reading a case back', () => {
  const START = '2026-11-29T09:00:00.000Z';
  let t: TestApp;
  let intake: string;
  let officer: string;

  // The shared app's clock stays at START (the history test expects recordedAt START). The ?asOf test moves its
  // clock forward, and the log keeps recordedAt monotonic, so it takes an app of its own.
  beforeAll(async () => {
    t = await startTestApp({ now: START });
    intake = t.token(['intake'], 'clerk-7');
    officer = t.token(['case-officer'], 'officer-1');
  });
  afterAll(() => stopTestApp(t));

  it('puts a Cambodia case submitted today on case-by-case review (removed from §126.1 on 2025-11-07)', async () => {
    const response = await t.http.post('/applications').set('Authorization', `Bearer ${intake}`).send(anApplication()).expect(201);

    expect(response.body).toMatchObject({ status: 'submitted', reviewTrack: 'case-by-case', revision: 0, notificationDuty126_1e: false });
    expect(response.body.determinations).toEqual([
      expect.objectContaining({
        country: 'KH',
        roles: ['end-user'],
        policyStatus: 'not-listed',
        table: null,
        track: 'case-by-case',
        citation: expect.objectContaining({ frDocument: '2025-19822', publishedOn: '2025-11-07' }),
      }),
    ]);
    expect(response.headers.location).toBe(`/applications/${response.body.id}`);
    expect(response.headers.etag).toBe('"0"');
  });

  it('puts a China case on policy-of-denial under §126.1(d)(1)', async () => {
    const body = anApplication({ parties: [{ role: 'end-user', name: 'PLA', country: 'CN' }] });
    const response = await t.http.post('/applications').set('Authorization', `Bearer ${intake}`).send(body).expect(201);

    expect(response.body.reviewTrack).toBe('policy-of-denial');
    expect(response.body.notificationDuty126_1e).toBe(true);
    expect(response.body.determinations).toEqual([
      expect.objectContaining({ country: 'CN', policyStatus: 'denial', table: 1, provision: '22 CFR 126.1(d)(1)', track: 'policy-of-denial' }),
    ]);
  });

  it('determines every destination: an intermediate consignee in Venezuela makes the case policy-of-denial', async () => {
    const body = anApplication({
      parties: [
        { role: 'end-user', name: 'Bundeswehr', country: 'DE' },
        { role: 'intermediate-consignee', name: 'Forwarder SA', country: 'VE' },
      ],
    });
    const response = await t.http.post('/applications').set('Authorization', `Bearer ${intake}`).send(body).expect(201);

    expect(response.body.reviewTrack).toBe('policy-of-denial');
    expect(response.body.determinations).toHaveLength(2);
    expect(response.body.determinations.map((d: { country: string; track: string }) => [d.country, d.track])).toEqual([
      ['DE', 'case-by-case'],
      ['VE', 'policy-of-denial'],
    ]);
  });

  it('flags congressional notification when the value reaches the §123.15 threshold', async () => {
    const body = anApplication({ valueUsd: 14_000_000, majorDefenseEquipment: true });
    const response = await t.http.post('/applications').set('Authorization', `Bearer ${intake}`).send(body).expect(201);

    expect(response.body.congressionalNotification).toEqual({
      required: true,
      applicable: true,
      thresholdUsd: 14_000_000,
      basis: 'major-defense-equipment',
      reviewPeriodDays: 30,
    });
  });

  it('reads the case back with its ETag, and its history with metadata', async () => {
    const created = await t.http
      .post('/applications')
      .set('Authorization', `Bearer ${intake}`)
      .set('X-Correlation-Id', 'corr-123')
      .send(anApplication())
      .expect(201);

    const read = await t.http.get(`/applications/${created.body.id}`).set('Authorization', `Bearer ${officer}`).expect(200);
    expect(read.body).toEqual(created.body);
    expect(read.headers.etag).toBe('"0"');

    const history = await t.http.get(`/applications/${created.body.id}/history`).set('Authorization', `Bearer ${officer}`).expect(200);
    expect(history.body.items).toEqual([
      expect.objectContaining({
        type: 'LicenceApplicationSubmitted',
        revision: 0,
        position: expect.stringMatching(/^\d+$/),
        recordedAt: '2026-11-29T09:00:00.000Z',
        metadata: { actor: 'clerk-7', correlationId: 'corr-123', causationId: null, schemaVersion: 1 },
        data: expect.objectContaining({ applicationId: created.body.id, submittedBy: 'clerk-7', reviewTrack: 'case-by-case' }),
      }),
    ]);
  });

  it('answers a case as recorded at an instant (?asOf), and 404 before it existed', async () => {
    // Its own app (same boot instant): moving the clock to 10:00 here must not reach the other tests' log.
    const own = await startTestApp({ now: START });
    try {
      own.clock.set('2026-11-29T10:00:00.000Z');
      const created = await own.http.post('/applications').set('Authorization', `Bearer ${intake}`).send(anApplication()).expect(201);
      const url = `/applications/${created.body.id}`;

      await own.http.get(`${url}?asOf=2026-11-29T10:00:00Z`).set('Authorization', `Bearer ${officer}`).expect(200);
      const before = await own.http.get(`${url}?asOf=2026-11-29T09:59:59Z`).set('Authorization', `Bearer ${officer}`).expect(404);
      expect(before.body.code).toBe('APPLICATION_NOT_FOUND');
      const bad = await own.http.get(`${url}?asOf=yesterday`).set('Authorization', `Bearer ${officer}`).expect(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'asOf' })]);
    } finally {
      await stopTestApp(own);
    }
  });

  it('answers 404 problem+json for an unknown or malformed case id', async () => {
    for (const id of ['3f1d8a5e-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const response = await t.http.get(`/applications/${id}`).set('Authorization', `Bearer ${officer}`).expect(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.code).toBe('APPLICATION_NOT_FOUND');
      await t.http.get(`/applications/${id}/history`).set('Authorization', `Bearer ${officer}`).expect(404);
    }
  });
});

describe('Concurrent submissions', () => {
  it('accepts 50 submissions in parallel, each its own case at revision 0 with a distinct position', async () => {
    const t = await startTestApp();
    try {
      const auth = `Bearer ${t.token(['intake', 'case-officer'])}`;
      const before = Number(await t.lastPosition());
      const responses = await Promise.all(
        Array.from({ length: 50 }, () => t.http.post('/applications').set('Authorization', auth).send(anApplication())),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
      expect(new Set(responses.map((r) => r.body.id)).size).toBe(50);

      const positions = await Promise.all(
        responses.map(async (r) => (await t.http.get(`/applications/${r.body.id}/history`).set('Authorization', auth)).body.items[0].position),
      );
      expect(new Set(positions).size).toBe(50);
      expect(Number(await t.lastPosition())).toBe(before + 50);
    } finally {
      await stopTestApp(t);
    }
  });
});
