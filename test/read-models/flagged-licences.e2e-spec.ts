import { anAssignedCase, FRANCE_END_USER, officeTokens, postOnCase, submitCase, type OfficeTokens } from '../support/case-actions';
import { caseOf, recordStatusChange, relistCambodia } from '../support/status-changes';
import { startTestApp, stopTestApp, type TestApp } from '../support/test-app';

const KH_RADIOS = { parties: [{ role: 'end-user', name: 'Royal Cambodian Armed Forces', country: 'KH' }] };

interface Item {
  id: string;
  status: string;
  flaggedForReview: boolean;
}

/**
 * Boots an app on 2026-11-29 with a Cambodia licence, a pending Cambodia case and a licence to France, then relists
 * Cambodia and runs the re-evaluation, which flags the Cambodia licence (and only it).
 */
async function startFlaggedOffice(): Promise<{ t: TestApp; tokens: OfficeTokens; licence: string; pending: string; franceLicence: string }> {
  const t = await startTestApp({ now: '2026-11-29T09:00:00.000Z' });
  const tokens = officeTokens(t);
  // Cambodia is not listed today: its cases are case by case, so this one can be approved.
  const licence = await anAssignedCase(t, tokens, KH_RADIOS);
  await postOnCase(t, tokens.officer, licence, 'approve', { provisos: [] }).expect(200);
  // Neither of these is a licence to Cambodia: a pending Cambodia case and a licence to France.
  const pending = await submitCase(t, tokens, KH_RADIOS);
  const franceLicence = await anAssignedCase(t, tokens, FRANCE_END_USER);
  await postOnCase(t, tokens.officer, franceLicence, 'approve', { provisos: [] }).expect(200);

  await recordStatusChange(t, 'KH', relistCambodia('2026-11-29'));
  await t.reevaluate();
  return { t, tokens, licence, pending, franceLicence };
}

/**
 * A supervisor finds the licences a §126.1 tightening flagged for a §126.7 review in the case list, and a
 * suspension takes the licence off that list.
 */
describe('GET /applications?flagged= (licences flagged for a §126.7 review)', () => {
  // The tests that only read share one office; the one that suspends the licence builds its own (below), so the
  // others find the licence flagged whatever order they run in.
  let t: TestApp;
  let tokens: OfficeTokens;
  let licence: string;
  let pending: string;
  let franceLicence: string;

  beforeAll(async () => {
    ({ t, tokens, licence, pending, franceLicence } = await startFlaggedOffice());
  });
  afterAll(() => stopTestApp(t));

  // Tokens are signed with the one test secret: the shared supervisor token works on a test's own office too.
  const listOn = (app: TestApp, query: string) =>
    app.http.get(`/applications${query}`).set('Authorization', `Bearer ${tokens.supervisor}`);
  const itemsOn = async (app: TestApp, query: string) => (await listOn(app, query).expect(200)).body.items as Item[];
  const list = (query: string) => listOn(t, query);
  const items = (query: string) => itemsOn(t, query);

  it('lists exactly the flagged licence under flagged=true, with flaggedForReview true', async () => {
    expect(await caseOf(t, licence)).toMatchObject({ status: 'approved', flaggedForReview: true });

    const flagged = await items('?flagged=true');
    expect(flagged.map((item) => item.id)).toEqual([licence]);
    expect(flagged[0]).toMatchObject({ id: licence, status: 'approved', flaggedForReview: true, countries: ['KH'] });
  });

  it('lists every other case under flagged=false, none of them flagged', async () => {
    const others = await items('?flagged=false');
    const ids = others.map((item) => item.id);
    expect(ids).not.toContain(licence);
    expect(ids).toEqual(expect.arrayContaining([pending, franceLicence]));
    expect(others.every((item) => item.flaggedForReview === false)).toBe(true);
    // The unfiltered list carries the flag on each item as well.
    const all = await items('');
    expect(all.find((item) => item.id === licence)?.flaggedForReview).toBe(true);
    expect(all).toHaveLength(others.length + 1);
  });

  it('combines with the other filters', async () => {
    expect((await items('?flagged=true&country=KH&status=approved')).map((item) => item.id)).toEqual([licence]);
    expect(await items('?flagged=true&country=FR')).toEqual([]);
  });

  it.each([['?flagged=maybe'], ['?flagged=TRUE'], ['?flagged=1'], ['?flagged='], ['?flagged=true&flagged=false']])(
    'refuses %s with 400 VALIDATION_FAILED naming flagged',
    async (query) => {
      const response = await list(query).expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
      expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'flagged' })]));
    },
  );

  it('no longer lists the licence once a supervisor has suspended it', async () => {
    // Suspending changes what the other tests read: this test suspends the licence of an office of its own.
    const office = await startFlaggedOffice();
    try {
      const own = office.t;
      await postOnCase(own, office.tokens.supervisor, office.licence, 'suspend', {
        reason: 'Cambodia placed on §126.1 again: review under §126.7',
      }).expect(200);

      expect(await itemsOn(own, '?flagged=true')).toEqual([]);
      const unflagged = await itemsOn(own, '?flagged=false');
      expect(unflagged.find((item) => item.id === office.licence)).toMatchObject({ status: 'suspended', flaggedForReview: false });
      expect(await caseOf(own, office.licence)).toMatchObject({ status: 'suspended', flaggedForReview: false });
    } finally {
      await stopTestApp(office.t);
    }
  });
});
