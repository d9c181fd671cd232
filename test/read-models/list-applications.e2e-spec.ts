import { appendCaseEvent, AT, submitCase } from './read-model-fixtures';
import { startTestApp, stopTestApp, type TestApp } from '../support/test-app';

interface Item {
  id: string;
  status: string;
  reviewTrack: string;
  assignee: string | null;
  countries: string[];
  submittedAt: string;
  revision: number;
}

describe('GET /applications (the case list)', () => {
  let t: TestApp;
  let auth: string;
  let cambodia: string;
  let china: string;
  let germanyVenezuela: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-01-05T09:00:00.000Z' });
    auth = `Bearer ${t.token(['case-officer'], 'officer-1')}`;
    cambodia = await submitCase(t, ['KH']);
    t.clock.set('2026-01-05T10:00:00.000Z');
    china = await submitCase(t, ['CN'], { applicant: { name: 'Beta Corp', registrationCode: 'M22222' }, valueUsd: 1200.5 });
    t.clock.set('2026-01-05T11:00:00.000Z');
    germanyVenezuela = await submitCase(t, ['DE', 'VE', 'DE']);
    await appendCaseEvent(t, cambodia, 'CaseAssigned', { officerId: 'officer-1', previousOfficerId: null, assignedAt: AT, assignedBy: 'sup' });
    await appendCaseEvent(t, china, 'CaseAssigned', { officerId: 'officer-2', previousOfficerId: null, assignedAt: AT, assignedBy: 'sup' });
    await appendCaseEvent(t, china, 'CaseReferred', { agency: 'DoD', referredAt: AT, referredBy: 'officer-2' });
  });
  afterAll(() => stopTestApp(t));

  const list = (query = '') => t.http.get(`/applications${query}`).set('Authorization', auth);
  const ids = (body: { items: Item[] }) => body.items.map((item) => item.id);

  it('lists every case newest first, with the list fields and the revision the case ETag carries', async () => {
    const response = await list().expect(200);

    expect(ids(response.body)).toEqual([germanyVenezuela, china, cambodia]);
    expect(response.body.nextCursor).toBeNull();
    expect(response.body.items[1]).toEqual({
      id: china,
      status: 'referred',
      reviewTrack: 'policy-of-denial',
      assignee: 'officer-2',
      licenceType: 'DSP-5',
      applicantName: 'Beta Corp',
      valueUsd: 1200.5,
      countries: ['CN'],
      submittedAt: '2026-01-05T10:00:00.000Z',
      lastChangedAt: '2026-01-05T11:00:00.000Z',
      validUntil: null,
      flaggedForReview: false,
      revision: 2,
    });
    expect(response.body.items[0].countries).toEqual(['DE', 'VE']);
    const etag = (await t.http.get(`/applications/${china}`).set('Authorization', auth).expect(200)).headers.etag;
    expect(etag).toBe('"2"');
  });

  it.each([
    ['?status=under-review', () => [cambodia]],
    ['?status=referred', () => [china]],
    ['?status=approved', () => []],
    ['?assignee=officer-1', () => [cambodia]],
    ['?country=ve', () => [germanyVenezuela]],
    ['?country=DE', () => [germanyVenezuela]],
    ['?reviewTrack=policy-of-denial', () => [germanyVenezuela, china]],
    ['?reviewTrack=case-by-case', () => [cambodia]],
    ['?reviewTrack=policy-of-denial&assignee=officer-2&country=CN', () => [china]],
    ['?reviewTrack=policy-of-denial&status=under-review', () => []],
  ])('filters %s', async (query, expected) => {
    expect(ids((await list(query).expect(200)).body)).toEqual(expected());
  });

  it.each([
    ['?status=pending', 'status'],
    ['?reviewTrack=fast', 'reviewTrack'],
    ['?country=XX', 'country'],
    ['?country=KHM', 'country'],
    ['?assignee=', 'assignee'],
    ['?limit=0', 'limit'],
    ['?limit=201', 'limit'],
    ['?limit=ten', 'limit'],
    ['?limit=2.5', 'limit'],
    ['?sort=asc', 'sort'],
  ])('refuses %s with 400 VALIDATION_FAILED naming %s', async (query, field) => {
    const response = await list(query).expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it.each([
    ['not base64url', '!!!'],
    ['not JSON', Buffer.from('hello').toString('base64url')],
    ['the wrong shape', Buffer.from(JSON.stringify({ after: 1 })).toString('base64url')],
    ['a bad instant', Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url')],
  ])('refuses a cursor that is %s with 400 INVALID_CURSOR', async (_what, cursor) => {
    const response = await list(`?cursor=${encodeURIComponent(cursor)}`).expect(400);
    expect(response.body).toMatchObject({ code: 'INVALID_CURSOR', type: '/problems/invalid-cursor' });
  });

  it('needs a token, and one of case-officer, supervisor or auditor', async () => {
    await t.http.get('/applications').expect(401);
    await t.http.get('/applications').set('Authorization', `Bearer ${t.token(['intake'])}`).expect(403);
    for (const role of ['supervisor', 'auditor'] as const) {
      await t.http.get('/applications').set('Authorization', `Bearer ${t.token([role])}`).expect(200);
    }
  });
});

// Its own app: the submission it makes would change what the list tests above expect, whatever their order.
describe('GET /applications after a command', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-01-05T09:00:00.000Z' });
    await submitCase(t, ['KH']);
  });
  afterAll(() => stopTestApp(t));

  it('reflects a submission in the very next list read', async () => {
    t.clock.set('2026-01-05T12:00:00.000Z');
    const id = await submitCase(t, ['FR']);
    const response = await t.http.get('/applications?limit=1').set('Authorization', `Bearer ${t.token(['case-officer'])}`).expect(200);
    expect(response.body.items.map((item: Item) => item.id)).toEqual([id]);
  });
});

describe('GET /applications pagination', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-02-01T08:00:00.000Z' });
  });
  afterAll(() => stopTestApp(t));

  it('walks every page with no duplicate and no gap while new cases arrive between pages', async () => {
    const auth = `Bearer ${t.token(['supervisor'])}`;
    const initial: string[] = [];
    for (let i = 0; i < 23; i += 1) {
      // Pairs of cases share a submission instant, so the id has to break ties.
      t.clock.set(new Date(Date.parse('2026-02-01T08:00:00.000Z') + Math.floor(i / 2) * 60_000).toISOString());
      initial.push(await submitCase(t, ['KH']));
    }

    const seen: Item[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor === null ? '?limit=4' : `?limit=4&cursor=${cursor}`;
      const response = await t.http.get(`/applications${query}`).set('Authorization', auth).expect(200);
      seen.push(...(response.body.items as Item[]));
      cursor = response.body.nextCursor;
      pages += 1;
      // Newer cases, and one at the same instant as the oldest, arrive while the client pages.
      t.clock.set(pages % 2 === 0 ? '2026-02-01T08:00:00.000Z' : `2026-02-02T0${pages % 10}:00:00.000Z`);
      await submitCase(t, ['DE']);
    } while (cursor !== null);

    const seenIds = seen.map((item) => item.id);
    expect(new Set(seenIds).size).toBe(seenIds.length);
    expect(seenIds).toEqual(expect.arrayContaining(initial));
    const keys = seen.map((item) => `${item.submittedAt}|${item.id}`);
    expect(keys).toEqual([...keys].sort().reverse());
    expect(pages).toBeGreaterThanOrEqual(6);
  });
});
