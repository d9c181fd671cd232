import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateCommand } from '../../apps/api/src/demo-data/generate.command';
import { recordStatusChange, relistCambodia, runOf } from '../support/status-changes';
import { removeDir, startTestApp, type TestApp } from '../support/test-app';
import { describeOnSqlite } from '../support/test-store';

const CASES = 400;
const PENDING_IN_CAMBODIA = 60;
const PENDING = ['submitted', 'under-review', 'referred'];

interface ListedCase {
  id: string;
  status: string;
  reviewTrack: string;
  countries: string[];
}

/** Every case the list answers for a filter, page after page. */
async function listAll(t: TestApp, filter: string): Promise<ListedCase[]> {
  const auditor = `Bearer ${t.token(['auditor'], 'auditor-1')}`;
  const items: ListedCase[] = [];
  for (let cursor: string | null = null; ; ) {
    const query: string = `/applications?limit=200${filter}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = (await t.http.get(query).set('Authorization', auditor).expect(200)).body as { items: ListedCase[]; nextCursor: string | null };
    items.push(...page.items);
    if (page.nextCursor === null) return items;
    cursor = page.nextCursor;
  }
}

/**
 * `npm run cli -- generate` writes a data directory the server starts on as on its own: its events validate against
 * the public schemas (checked when the app closes), its read models list every case, and a §126.1 change re-evaluates
 * the generated pending cases like any others.
 */
describeOnSqlite('a generated caseload, served', '`generate` writes the embedded store; a server store receives a generated log through `cli copy`', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lcm-generated-'));
  // The generator and the app run on today's date: the register's runs are due by the system clock.
  const now = new Date();
  const today = now.toISOString().slice(0, 10);
  let t: TestApp | undefined;
  const out: string[] = [];
  const io = { env: {}, stdout: { write: (text: string) => out.push(text) }, stderr: { write: (text: string) => out.push(text) } };

  const args = ['--cases', String(CASES), '--data-dir', dataDir, '--seed', '11', '--today', today, '--pending-in', `KH=${PENDING_IN_CAMBODIA}`];

  beforeAll(async () => {
    const code = await generateCommand(args, io);
    if (code !== 0) throw new Error(`generate exited with ${code}:\n${out.join('')}`);
    t = await startTestApp({ dataDir, now: now.toISOString() });
  });

  afterAll(async () => {
    await t?.close();
    removeDir(dataDir);
  });

  it('reports what it generated, and refuses to generate again into a directory that holds cases', async () => {
    expect(out.join('')).toContain(`Generated ${CASES} cases`);
    const again: string[] = [];
    const refused = await generateCommand(args, { ...io, stderr: { write: (text: string) => again.push(text) } });
    expect(refused).toBe(1);
    expect(again.join('')).toContain('already holds cases');
  });

  it('the server lists every generated case, with the pending Cambodia cases asked for', async () => {
    const all = await listAll(t!, '');
    expect(all).toHaveLength(CASES);
    const pendingInCambodia = all.filter((c) => PENDING.includes(c.status) && c.countries.includes('KH'));
    expect(pendingInCambodia).toHaveLength(PENDING_IN_CAMBODIA);
  });

  it('re-listing Cambodia moves every generated pending Cambodia case off the case-by-case track', async () => {
    const before = (await listAll(t!, '&country=KH')).filter((c) => PENDING.includes(c.status));
    // Cambodia is not listed today: its pending cases are case by case.
    expect(before.map((c) => c.reviewTrack)).toEqual(before.map(() => 'case-by-case'));

    const { reevaluationId } = await recordStatusChange(t!, 'KH', relistCambodia(today));
    await t!.reevaluate();
    const run = await runOf(t!, reevaluationId);
    expect(run).toMatchObject({ status: 'completed', unchanged: 0, notAffected: 0 });
    // Every pending case is changed or revised (demining stays case by case under ¶(o)); live licences are flagged.
    expect(run.changed + run.revised).toBe(PENDING_IN_CAMBODIA);
    expect(run.processed).toBe(PENDING_IN_CAMBODIA + run.flagged);
    const after = (await listAll(t!, '&country=KH')).filter((c) => PENDING.includes(c.status));
    expect(after.filter((c) => c.reviewTrack === 'policy-of-denial')).toHaveLength(run.changed);
  });
});
