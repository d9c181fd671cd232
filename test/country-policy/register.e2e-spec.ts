import { startTestApp, stopTestApp, type TestApp } from '../support/test-app';

const TABLE_1 = ['BY', 'CN', 'CU', 'IR', 'KP', 'MM', 'SY', 'VE'];
// Cyprus is back in Table 2 after its FY2026 suspension lapsed on 2026-09-30: no FY2027 rule is in the sources.
const TABLE_2 = ['AF', 'CD', 'CF', 'CY', 'ER', 'ET', 'HT', 'IQ', 'LB', 'LY', 'NI', 'RU', 'SD', 'SO', 'SS', 'ZW'];

describe('GET /countries (the seeded §126.1 register)', () => {
  let t: TestApp;
  let auth: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-29T09:00:00.000Z' });
    auth = `Bearer ${t.token(['case-officer'])}`;
  });
  afterAll(() => stopTestApp(t));

  it('lists Table 1 and Table 2 as in force today', async () => {
    const response = await t.http.get('/countries').set('Authorization', auth).expect(200);
    const byTable = (table: number | null) =>
      response.body.items.filter((c: { table: number | null }) => c.table === table).map((c: { countryCode: string }) => c.countryCode).sort();

    expect(byTable(1)).toEqual(TABLE_1);
    expect(byTable(2)).toEqual(TABLE_2);
    expect(response.body.items.find((c: { countryCode: string }) => c.countryCode === 'KH')).toMatchObject({ status: 'not-listed', table: null });
  });

  it("shows Cambodia's entry with its 2021 listing and 2025 removal in its history", async () => {
    const response = await t.http.get('/countries/kh').set('Authorization', auth).expect(200);

    expect(response.body).toMatchObject({ countryCode: 'KH', status: 'not-listed', paragraph: null, pending: [] });
    expect(response.body.citation).toMatchObject({ frDocument: '2025-19822', publishedOn: '2025-11-07' });
    const history = response.body.history.map((h: { effectiveOn: string; from: string; to: string; paragraph: string | null }) => [h.effectiveOn, h.from, h.to, h.paragraph]);
    expect(history[0]).toEqual(['2021-12-09', 'not-listed', 'denial-with-exceptions', '(o)']);
    expect(history).toContainEqual(['2025-11-07', 'denial-with-exceptions', 'not-listed', null]);
    // The 2025 Table 2 re-insertion (90 FR 29720) is editorial: a later correction withdraws it as a version.
    const reinsertion = response.body.history.find((h: { effectiveOn: string; correction: unknown }) => h.effectiveOn === '2025-07-07' && h.correction === null);
    expect(reinsertion).toMatchObject({ policyVersion: 2, supersededBy: 4 });
    expect(response.body.history.at(-1)).toMatchObject({ policyVersion: 4, correction: { supersedes: 2, withdraws: true } });
    expect(response.body.history[0].citation).toMatchObject({ frCitation: '86 FR 70053', frDocument: '2021-26590' });
    expect(response.body.history[0]).toMatchObject({ recordedBy: 'system:seed', changeId: expect.any(String) });
  });

  it('answers the status in force on a past date (?asOf)', async () => {
    const listed = await t.http.get('/countries/KH?asOf=2025-11-06').set('Authorization', auth).expect(200);
    expect(listed.body).toMatchObject({
      status: 'denial-with-exceptions',
      table: 2,
      paragraph: '(o)',
      exceptions: ['conventional-weapons-destruction', 'humanitarian-demining'],
    });
    const before = await t.http.get('/countries/KH?asOf=2021-12-08').set('Authorization', auth).expect(200);
    expect(before.body).toMatchObject({ status: 'not-listed', policyVersion: 0 });
  });

  it('shows a Cyprus-style suspension as not-listed until its end date', async () => {
    const response = await t.http.get('/countries/CY?asOf=2026-01-15').set('Authorization', auth).expect(200);
    expect(response.body).toMatchObject({ status: 'not-listed', suspended: true, suspendedUntil: '2026-09-30' });
    const lapsed = await t.http.get('/countries/CY?asOf=2026-10-01').set('Authorization', auth).expect(200);
    expect(lapsed.body).toMatchObject({ status: 'denial-with-exceptions', suspended: false });
  });

  it('answers a never-listed country as not-listed with no history, and 400 for a non-ISO code', async () => {
    const france = await t.http.get('/countries/FR').set('Authorization', auth).expect(200);
    expect(france.body).toMatchObject({ countryCode: 'FR', status: 'not-listed', policyVersion: 0, history: [] });
    const bad = await t.http.get('/countries/XX').set('Authorization', auth).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    await t.http.get('/countries/KH?asOf=2025-13-01').set('Authorization', auth).expect(400);
  });
});
