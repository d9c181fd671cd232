import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SECTION_126_1_CORRECTIONS, SECTION_126_1_SEED } from '@app/domain';
import { AggregateRepository } from '@app/infra';
import { RegisterSeeder } from '../../apps/api/src/country-policy/seed/register-seeder';
import { officeTokens } from '../support/case-actions';
import { submitCasesDirectly } from '../support/reevaluation-fixtures';
import type { HistoryItem } from '../support/status-changes';
import { removeDir, startTestApp, type TestApp } from '../support/test-app';
import { openTestEventStore } from '../support/test-event-store';

/**
 * docs/regulatory-fidelity.md "Correcting the register without editing history": a data directory written before
 * the corrections (the seeded history only, and cases determined on it) receives them at its next start as new
 * events, and the pending cases whose determination they change are re-evaluated. A second start appends nothing.
 */
const NOW = '2025-11-10T10:00:00.000Z';
const AFGHAN_FORCES = { parties: [{ role: 'end-user' as const, name: 'Afghan National Army', country: 'AF' }], endUseCodes: ['government-security-forces' as const] };
const VENEZUELA = { parties: [{ role: 'end-user' as const, name: 'CAVIM', country: 'VE' }] };

/** A data directory as an earlier build left it: the §126.1 history without its corrections. */
async function seedHistoryOnly(dataDir: string): Promise<void> {
  const store = await openTestEventStore(dataDir, { now: () => new Date(NOW) });
  try {
    const report = await new RegisterSeeder(new AggregateRepository(store, () => randomUUID())).seed(SECTION_126_1_SEED);
    expect(report).toMatchObject({ appended: SECTION_126_1_SEED.length, skipped: [] });
  } finally {
    await store.close();
  }
}

describe('register corrections reach an existing data directory at its next start', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lcm-corrections-'));
  let afghan: string;
  let venezuela: string;
  let t: TestApp | null = null;

  const get = (app: TestApp, url: string) =>
    app.http.get(url).set('Authorization', `Bearer ${officeTokens(app).auditor}`).expect(200);

  beforeAll(async () => {
    await seedHistoryOnly(dataDir);
    [afghan, venezuela] = await submitCasesDirectly(dataDir, [AFGHAN_FORCES, VENEZUELA], { now: () => new Date(NOW) });
    // The first start after the corrections exist: the seeder appends them, and their runs complete.
    t = await startTestApp({ dataDir, now: NOW });
    await t.reevaluate();
  });
  afterAll(async () => {
    await t?.close();
    removeDir(dataDir);
  });

  it('before: the Afghan forces case was case by case on the 2002 carve-out, Venezuela cited a stand-in listing', async () => {
    // The cases were determined on the history alone: their submissions say so.
    const afghanHistory = (await get(t!, `/applications/${afghan}/history`)).body.items as HistoryItem[];
    expect(afghanHistory[0]).toMatchObject({
      type: 'LicenceApplicationSubmitted',
      data: { reviewTrack: 'case-by-case', determinations: [expect.objectContaining({ exceptionApplied: 'government-security-forces' })] },
    });
    const venezuelaHistory = (await get(t!, `/applications/${venezuela}/history`)).body.items as HistoryItem[];
    expect(venezuelaHistory[0]).toMatchObject({
      type: 'LicenceApplicationSubmitted',
      data: { determinations: [expect.objectContaining({ policyVersion: 1, citation: expect.objectContaining({ frCitation: null }) })] },
    });
  });

  it('appends every correction as a new event recorded at this start, never editing history', async () => {
    const af = (await get(t!, '/countries/AF')).body;
    const corrections = (af.history as Array<{ correction: unknown; recordedAt: string; policyVersion: number; supersededBy: number | null }>).filter(
      (change) => change.correction !== null,
    );
    expect(corrections.map((change) => change.correction)).toEqual([
      { supersedes: 2, withdraws: false },
      { supersedes: 3, withdraws: false },
    ]);
    // The originals stay in the log, marked as superseded.
    expect(af.history.slice(0, 3).map((change: { supersededBy: number | null }) => change.supersededBy)).toEqual([null, 4, 5]);
    expect(af).toMatchObject({ paragraph: '(g)', exceptions: [] });
  });

  it('re-evaluates the pending cases whose determination a correction changes', async () => {
    expect((await get(t!, `/applications/${afghan}`)).body).toMatchObject({
      reviewTrack: 'policy-of-denial',
      determinations: [expect.objectContaining({ country: 'AF', exceptionsApplied: [], uncoveredEndUses: ['government-security-forces'] })],
    });
    const afghanHistory = (await get(t!, `/applications/${afghan}/history`)).body.items as HistoryItem[];
    expect(afghanHistory.map((event) => event.type)).toContain('ReviewTrackChanged');
    expect((await get(t!, `/applications/${venezuela}`)).body).toMatchObject({
      reviewTrack: 'policy-of-denial',
      determinations: [expect.objectContaining({ country: 'VE', table: 1, citation: expect.objectContaining({ frDocument: 'E7-2034' }) })],
      reevaluations: [expect.objectContaining({ outcome: 'revised' })],
    });
    const venezuelaHistory = (await get(t!, `/applications/${venezuela}/history`)).body.items as HistoryItem[];
    expect(venezuelaHistory.filter((event) => event.type === 'DeterminationsRevised')).toHaveLength(1);
  });

  it('a second start appends nothing', async () => {
    const before = await t!.lastPosition();
    await t!.close();
    t = await startTestApp({ dataDir, now: NOW });
    await t.reevaluate();
    expect(await t.lastPosition()).toBe(before);
    const total = SECTION_126_1_SEED.length + SECTION_126_1_CORRECTIONS.length;
    const countries = (await get(t, '/countries')).body.items as Array<{ countryCode: string }>;
    let recorded = 0;
    for (const { countryCode } of countries) recorded += ((await get(t, `/countries/${countryCode}`)).body.history as unknown[]).length;
    expect(recorded).toBe(total);
  });
});
