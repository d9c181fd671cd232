import { describeWithPostgres } from '@app/infra/postgres/testing/postgres-test-database';
import { projectIntoBoth, type BothReadModelDatabases } from '../reevaluation-runs/testing/both-read-model-databases';
import { recordLog } from '../reevaluation-runs/testing/reevaluation-log';
import { exampleLog } from '../reevaluation-runs/testing/reevaluations-example-log';
import { backlogQuery, candidatesQuery, countCandidatesQuery, dueRunsQuery, staleSubmissionsQuery } from './reevaluation-work.read-model';

/** The columns of the `cases` projection's tables a run's selection reads (the rest play no part in it). */
const SQLITE_CASE_TABLES = `
  CREATE TABLE case_list (application_id TEXT PRIMARY KEY, status TEXT NOT NULL) STRICT;
  CREATE TABLE case_countries (application_id TEXT NOT NULL, country TEXT NOT NULL, PRIMARY KEY (application_id, country)) STRICT;
`;
const POSTGRES_CASE_TABLES = `
  CREATE TABLE case_list (application_id text COLLATE "C" PRIMARY KEY, status text COLLATE "C" NOT NULL);
  CREATE TABLE case_countries (application_id text COLLATE "C" NOT NULL, country text COLLATE "C" NOT NULL, PRIMARY KEY (application_id, country));
`;

/** Cases with parties in KH or DE; ids that sort differently by bytes than by a language's collation. */
const CASES: ReadonlyArray<[applicationId: string, status: string, countries: string[]]> = [
  ['A1', 'submitted', ['KH']],
  ['B1', 'under-review', ['KH', 'DE']],
  ['Z9', 'approved', ['KH']],
  ['_z', 'referred', ['KH']],
  ['a1', 'suspended', ['KH']],
  ['b2', 'refused', ['KH']],
  ['c3', 'submitted', ['DE']],
];

describeWithPostgres("the process manager's work read on SQLite and PostgreSQL", (database) => {
  const { log, cases, runs } = exampleLog();
  let both: BothReadModelDatabases;
  beforeAll(async () => {
    both = await projectIntoBoth(database(), recordLog(log));
    both.sqlite.exec(SQLITE_CASE_TABLES);
    await both.postgres.query(POSTGRES_CASE_TABLES);
    for (const [applicationId, status, countries] of CASES) {
      both.sqlite.prepare('INSERT INTO case_list VALUES (?, ?)').run(applicationId, status);
      await both.postgres.query('INSERT INTO case_list VALUES ($1, $2)', [applicationId, status]);
      for (const country of countries) {
        both.sqlite.prepare('INSERT INTO case_countries VALUES (?, ?)').run(applicationId, country);
        await both.postgres.query('INSERT INTO case_countries VALUES ($1, $2)', [applicationId, country]);
      }
    }
  });
  afterAll(async () => {
    await both.close();
  });

  const DAYS = ['2000-01-01', '2016-09-29', '2023-10-01', '2025-11-07', '2026-06-01', '2031-01-01'];

  it('answers the due runs the same, in the order they came due, whatever the day and the limit', async () => {
    for (const today of DAYS) {
      for (const limit of [1, 3, 100]) await both.same(dueRunsQuery(today, limit));
    }
    expect(await both.same(dueRunsQuery('2000-01-01', 100))).toEqual([]);
    const due = await both.same(dueRunsQuery('2031-01-01', 100));
    expect(due.map((run) => run.trigger.effectiveOn)).toEqual([...due.map((run) => run.trigger.effectiveOn)].sort());
    expect(due.map((run) => run.reevaluationId)).toContain(runs.lapse2023);
    expect(due.map((run) => run.reevaluationId)).not.toContain(runs.removalRun);
  });

  it('counts the backlog the same, as integers', async () => {
    for (const today of DAYS) await both.same(backlogQuery(today));
    expect(await both.same(backlogQuery('2000-01-01'))).toEqual({ running: 2, due: 0, scheduled: 10 });
    expect(await both.same(backlogQuery('2031-01-01'))).toEqual({ running: 2, due: 10, scheduled: 0 });
  });

  it('answers the stale submissions of completed runs the same', async () => {
    expect(await both.same(staleSubmissionsQuery(10))).toEqual([{ applicationId: cases.staleToo, reevaluationId: runs.removalRun }]);
    expect(await both.same(staleSubmissionsQuery(0))).toEqual([]);
  });

  it("counts and walks a run's candidates the same, in byte order", async () => {
    for (const tightening of [false, true]) {
      await both.same(countCandidatesQuery('KH', tightening));
      const walked: string[] = [];
      let cursor: string | null = null;
      for (;;) {
        const batch: string[] = await both.same(candidatesQuery('KH', tightening, cursor, 2));
        if (batch.length === 0) break;
        walked.push(...batch);
        cursor = batch.at(-1)!;
      }
      expect(walked).toEqual(tightening ? ['A1', 'B1', 'Z9', '_z', 'a1'] : ['A1', 'B1', '_z']);
    }
    expect(await both.same(countCandidatesQuery('KH', true))).toBe(5);
    expect(await both.same(countCandidatesQuery('DE', false))).toBe(2);
    expect(await both.same(countCandidatesQuery('XX', true))).toBe(0);
  });
});
