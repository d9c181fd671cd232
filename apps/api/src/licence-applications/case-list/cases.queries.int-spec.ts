import fc from 'fast-check';
import type { Pool } from 'pg';
import { CASE_STATUSES, REVIEW_TRACKS } from '@app/domain';
import { openPostgresPool } from '@app/infra';
import { describeWithPostgres } from '@app/infra/postgres/testing/postgres-test-database';
import { projectPostgresBatch } from '@app/infra/projections/postgres/testing';
import type { ReadModelQuery } from '../../shared/read-models/read-model-query';
import { dueLicenceExpiries } from '../expire-licences/expiry-schedule.read-model';
import { dashboard } from '../get-dashboard/get-dashboard.handler';
import { officerWorkload } from '../get-officer-workload/get-officer-workload.handler';
import { decodeCursor, type ApplicationCursor } from '../list-applications/application-cursor';
import { applicationList } from '../list-applications/list-applications.handler';
import { ListApplicationsQuery, type ApplicationFilters, type ApplicationListItem } from '../list-applications/list-applications.query';
import { casesPostgresProjection } from './cases.postgres-projection';
import { CASES_PROJECTION } from './cases.projection';
import { emptyPostgres, preparePostgres, projectIntoSqlite, type ProjectedLog } from './testing/both-databases';
import { aCaseLog, DomainCases } from './testing/domain-cases';

/**
 * The reads of the case list, the dashboard, the workload and the expiry schedule answer the same from SQLite and
 * from PostgreSQL for the same log: the same items in the same order, the same cursors, the same counts.
 */
describeWithPostgres('the case reads on SQLite and PostgreSQL', (database) => {
  let pool: Pool;
  beforeAll(async () => {
    pool = await openPostgresPool(database().url, { max: 4 });
    await preparePostgres(pool);
  });
  afterAll(async () => {
    await pool.end();
  });

  /** The log in both databases, with the SQLite projector's checkpoint (the dashboard's `asOfPosition`) in PostgreSQL too. */
  async function inBoth(log: Parameters<typeof projectIntoSqlite>[1]): Promise<ProjectedLog> {
    const projected = await projectIntoSqlite(new DomainCases(), log);
    await emptyPostgres(pool);
    await projectPostgresBatch(pool, casesPostgresProjection, projected.events);
    const checkpoint = projected.sqlite.checkpoint(CASES_PROJECTION);
    if (checkpoint !== null) {
      await pool.query('INSERT INTO projection_checkpoints (projection, position, updated_at) VALUES ($1, $2, $3)', [
        CASES_PROJECTION,
        checkpoint,
        new Date().toISOString(),
      ]);
    }
    return projected;
  }

  /** Asks both databases; answers SQLite's answer once PostgreSQL's equals it. */
  async function onBoth<T>(projected: ProjectedLog, query: ReadModelQuery<T>): Promise<T> {
    const fromSqlite = query.sqlite(projected.sqlite.database);
    expect(await query.postgres(pool)).toEqual(fromSqlite);
    return fromSqlite;
  }

  /** Every page of the list under these filters, following the cursors, compared page by page. */
  async function walk(projected: ProjectedLog, filters: ApplicationFilters, limit: number): Promise<ApplicationListItem[]> {
    const items: ApplicationListItem[] = [];
    let after: ApplicationCursor | null = null;
    for (;;) {
      const page = await onBoth(projected, applicationList(new ListApplicationsQuery(filters, limit, after)));
      items.push(...page.items);
      if (page.nextCursor === null) return items;
      after = decodeCursor(page.nextCursor);
    }
  }

  it('list every filter, page after page, the same cases in the same order with the same cursors', async () => {
    await fc.assert(
      fc.asyncProperty(aCaseLog(12, 60), fc.integer({ min: 1, max: 5 }), async (log, limit) => {
        const projected = await inBoth(log);
        try {
          const all = await walk(projected, {}, limit);
          expect(all.length).toBe(projected.sqlite.database.prepare('SELECT COUNT(*) AS n FROM case_list').pluck().get());

          for (const status of CASE_STATUSES) await walk(projected, { status }, limit);
          for (const reviewTrack of REVIEW_TRACKS) await walk(projected, { reviewTrack }, limit);
          const assignees = all.flatMap((item) => (item.assignee === null ? [] : [item.assignee]));
          for (const assignee of [...new Set(assignees), 'nobody']) await walk(projected, { assignee }, limit);
          for (const country of [...new Set(all.flatMap((item) => item.countries)), 'ZZ']) {
            expect(await walk(projected, { country }, limit)).toEqual(all.filter((item) => item.countries.includes(country)));
          }
          for (const flagged of [true, false]) await walk(projected, { flagged }, limit);
          const [first] = all;
          if (first !== undefined) {
            await walk(projected, { status: first.status, reviewTrack: first.reviewTrack, country: first.countries[0] }, limit);
            // A cursor between two cases (an id no case has): the page starts after it all the same.
            const between = { submittedAt: first.submittedAt, applicationId: `${first.id}~` };
            await onBoth(projected, applicationList(new ListApplicationsQuery({}, limit, between)));
          }
        } finally {
          await projected.close();
        }
      }),
      { numRuns: 6 },
    );
  });

  it('answer the same dashboard, workload and due expiries', async () => {
    await fc.assert(
      fc.asyncProperty(aCaseLog(12, 60), async (log) => {
        const projected = await inBoth(log);
        try {
          const board = await onBoth(projected, dashboard);
          expect(board.asOfPosition).not.toBeNull();

          const officers = await onBoth(projected, officerWorkload());
          for (const { officerId } of officers) expect(await onBoth(projected, officerWorkload(officerId))).toHaveLength(1);
          expect(await onBoth(projected, officerWorkload('nobody'))).toEqual([]);

          const days = projected.sqlite.database.prepare<[], string>('SELECT DISTINCT valid_until FROM licence_expiry').pluck().all();
          for (const today of [...days, '0000-01-01', '9999-12-31']) {
            for (const limit of [1, 3, 10_000]) await onBoth(projected, dueLicenceExpiries(today, limit));
          }
        } finally {
          await projected.close();
        }
      }),
      { numRuns: 6 },
    );
  });

  it('start from empty tables: an empty list, zero counts, no checkpoint yet', async () => {
    const projected = await inBoth({ profiles: [], steps: [] });
    try {
      projected.sqlite.database.prepare("DELETE FROM projection_checkpoints WHERE projection = 'cases'").run();
      await pool.query('TRUNCATE projection_checkpoints');
      expect(await onBoth(projected, applicationList(new ListApplicationsQuery({}, 10, null)))).toEqual({ items: [], nextCursor: null });
      expect((await onBoth(projected, dashboard)).asOfPosition).toBeNull();
      expect(await onBoth(projected, officerWorkload())).toEqual([]);
      expect(await onBoth(projected, dueLicenceExpiries('9999-12-31', 10))).toEqual([]);
    } finally {
      await projected.close();
    }
  });
});
