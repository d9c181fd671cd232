import { randomUUID } from 'node:crypto';
import { describeWithPostgres } from '@app/infra/postgres/testing/postgres-test-database';
import { decodeCaseCursor, decodeRunCursor } from '../reevaluation-cursors';
import {
  caseRunsQuery,
  runCasesQuery,
  runQuery,
  runsQuery,
  type ReevaluatedCasePage,
  type ReevaluationRunFilters,
  type ReevaluationRunPage,
} from './reevaluation-runs.read-model';
import { projectIntoBoth, type BothReadModelDatabases } from './testing/both-read-model-databases';
import { recordLog } from './testing/reevaluation-log';
import { exampleLog } from './testing/reevaluations-example-log';

describeWithPostgres('the re-evaluation runs read on SQLite and PostgreSQL', (database) => {
  const { log, runs, cases } = exampleLog();
  let both: BothReadModelDatabases;
  beforeAll(async () => {
    both = await projectIntoBoth(database(), recordLog(log));
  });
  afterAll(async () => {
    await both.close();
  });

  it('answers each run the same, by its id in any case, and no run for an unknown id or a non-UUID', async () => {
    const ids = both.sqlite.prepare('SELECT reevaluation_id FROM reevaluation_runs').pluck().all() as string[];
    expect(ids).toHaveLength(15);
    for (const id of ids) expect(await both.same(runQuery(id))).toMatchObject({ id });
    expect(await both.same(runQuery(runs.removalRun.toUpperCase()))).toMatchObject({
      id: runs.removalRun,
      status: 'completed',
      processed: 3,
      caughtLate: 1,
    });
    expect(await both.same(runQuery(randomUUID()))).toBeNull();
    expect(await both.same(runQuery('not-a-uuid'))).toBeNull();
  });

  it('lists the runs the same, filtered and page by page', async () => {
    const filters: ReevaluationRunFilters[] = [{}, { country: 'CY' }, { status: 'scheduled' }, { country: 'KH', status: 'completed' }, { country: 'XX' }];
    for (const filter of filters) {
      for (const limit of [1, 4, 100]) {
        const seen: string[] = [];
        let page: ReevaluationRunPage = await both.same(runsQuery(filter, limit, null));
        seen.push(...page.items.map((run) => run.id));
        while (page.nextCursor !== null) {
          page = await both.same(runsQuery(filter, limit, decodeRunCursor(page.nextCursor)));
          seen.push(...page.items.map((run) => run.id));
        }
        expect(seen).toEqual((await both.same(runsQuery(filter, 100, null))).items.map((run) => run.id));
      }
    }
    expect((await both.same(runsQuery({ country: 'CY' }, 100, null))).items).toHaveLength(7);
  });

  it("lists a run's cases the same, filtered by outcome and page by page", async () => {
    for (const outcome of [undefined, 'changed', 'unchanged', 'flagged'] as const) {
      let page: ReevaluatedCasePage | null = await both.same(runCasesQuery(runs.removalRun, { outcome }, 1, null));
      const seen = [...page!.items];
      while (page!.nextCursor !== null) {
        page = await both.same(runCasesQuery(runs.removalRun, { outcome }, 1, decodeCaseCursor(page!.nextCursor)));
        seen.push(...page!.items);
      }
      if (outcome === undefined) expect(seen.map((entry) => entry.applicationId)).toEqual([cases.stale, cases.caseA, cases.caseB, cases.caseC]);
    }
    expect(await both.same(runCasesQuery(runs.removalRun, {}, 10, null))).toMatchObject({
      items: expect.arrayContaining([{ applicationId: cases.stale, outcome: 'changed', late: true }]),
    });
    expect(await both.same(runCasesQuery(runs.lapse2023, {}, 10, null))).toEqual({ items: [], nextCursor: null });
    expect(await both.same(runCasesQuery(randomUUID(), {}, 10, null))).toBeNull();
    expect(await both.same(runCasesQuery('not-a-uuid', {}, 10, null))).toBeNull();
  });

  it('answers the runs that accounted for a case the same', async () => {
    expect((await both.same(caseRunsQuery(cases.stale))).map((entry) => entry.reevaluationId).sort()).toEqual(
      [runs.removalRun, runs.listingRun].sort(),
    );
    expect(await both.same(caseRunsQuery(cases.caseA))).toHaveLength(2);
    expect(await both.same(caseRunsQuery(randomUUID()))).toEqual([]);
  });
});
