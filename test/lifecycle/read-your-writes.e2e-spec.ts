import { CHINA_END_USER, FRANCE_END_USER, officeTokens, postOnCase, submitCase, type OfficeTokens } from '../support/case-actions';
import { startTestApp, stopTestApp, type TestApp } from '../support/test-app';

interface ListItem {
  id: string;
  status: string;
  assignee: string | null;
  revision: number;
}

describe('read-your-writes: the lists reflect a command as soon as it has answered', () => {
  let t: TestApp;
  let tokens: OfficeTokens;
  const list = async (query: string) =>
    (await t.http.get(`/applications?${query}`).set('Authorization', `Bearer ${tokens.supervisor}`).expect(200)).body as {
      items: ListItem[];
      nextCursor: string | null;
    };

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-29T09:00:00.000Z' });
    tokens = officeTokens(t);
  });
  afterAll(() => stopTestApp(t));

  it('shows each step of a case in the list, the dashboard and the workload right after its answer', async () => {
    const id = await submitCase(t, tokens, FRANCE_END_USER);
    expect((await list('status=submitted')).items.map((item) => item.id)).toContain(id);

    await postOnCase(t, tokens.supervisor, id, 'assign', { officerId: 'officer-2' }).expect(200);
    expect((await list('assignee=officer-2')).items).toEqual([expect.objectContaining({ id, status: 'under-review', revision: 1 })]);

    await postOnCase(t, tokens.officer, id, 'referrals', { agency: 'DTSA' }).expect(200);
    const workload = await t.http.get('/officers/workload?officerId=officer-2').set('Authorization', `Bearer ${tokens.supervisor}`);
    expect(workload.body.officers).toEqual([expect.objectContaining({ officerId: 'officer-2', referred: 1, open: 1 })]);

    await postOnCase(t, tokens.officer, id, 'referrals/DTSA/answer', { recommendation: 'approve' }).expect(200);
    await postOnCase(t, tokens.officer, id, 'approve', {}).expect(200);
    expect((await list('assignee=officer-2')).items).toEqual([expect.objectContaining({ id, status: 'approved', revision: 4 })]);
    const dashboard = await t.http.get('/dashboard').set('Authorization', `Bearer ${tokens.officer}`).expect(200);
    expect(dashboard.body.counts).toContainEqual({ status: 'approved', reviewTrack: 'case-by-case', country: 'FR', count: 1 });
  });

  it('filters by country and review track and pages with a cursor, newest first, without repeats or gaps', async () => {
    const china: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      t.clock.set(`2026-11-29T10:0${index}:00.000Z`);
      china.push(await submitCase(t, tokens, CHINA_END_USER));
      await submitCase(t, tokens, FRANCE_END_USER);
    }

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(`country=CN&reviewTrack=policy-of-denial&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);

    expect(seen).toEqual([...china].reverse());
    expect(pages).toBe(3);
  });
});
