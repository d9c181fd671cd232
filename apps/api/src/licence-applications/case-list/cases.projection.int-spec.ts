import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { CASE_STATUSES, isPending, type LicenceApplicationEvent } from '@app/domain';
import { aCase, anEndUser, aParty, APPLICATION_ID, caseId, type CaseHistory } from '@app/domain/testing/domain-builders';
import {
  dumpProjection,
  InMemoryEventStore,
  migrateReadModels,
  SqliteEventStore,
  SqliteProjector,
  type EventStore,
} from '@app/infra';
import { projectionSpecification, type SpecifiedEvent } from '@app/infra/projections/testing';
import { dueExpiries } from '../expire-licences/expiry-schedule.read-model';
import { readDashboard } from '../get-dashboard/get-dashboard.handler';
import { readOfficerWorkload } from '../get-officer-workload/get-officer-workload.handler';
import { listApplications } from '../list-applications/list-applications.handler';
import { ListApplicationsQuery, type ApplicationFilters } from '../list-applications/list-applications.query';
import { casesProjection } from './cases.projection';
import { CASES_MIGRATIONS, type CaseListRecord } from './cases.schema';
import {
  aCaseLog,
  DomainCases,
  recordCaseLog,
  reevaluatedBy,
  sampledCaseLog,
  streamOf,
} from './testing/domain-cases';
import { appendCases } from './testing/both-databases';

const AT = '2026-11-30T09:00:00.000Z';

const cases = () => projectionSpecification(casesProjection);

/** A case's events in its stream, as a specification gives them. */
const inStream = (events: readonly LicenceApplicationEvent[], applicationId = APPLICATION_ID): SpecifiedEvent[] =>
  events.map(({ type, data }) => ({ streamName: streamOf(applicationId), type, data }));

/** The events `later` recorded after `earlier`, in the case's stream. */
const after = (earlier: CaseHistory, later: CaseHistory, applicationId = APPLICATION_ID) =>
  inStream(later.events.slice(earlier.events.length), applicationId);


/** Cases recorded from a sampled log into the store; answers the domain's view of them. */
async function appendHistory(store: EventStore, seed: number, count: number, domain = new DomainCases()): Promise<DomainCases> {
  const log = sampledCaseLog(seed, count, count * 4);
  await appendCases(store, recordCaseLog(domain, log));
  return domain;
}

type ShownRow = Pick<
  CaseListRecord,
  'application_id' | 'status' | 'review_track' | 'assignee' | 'valid_until' | 'flagged_for_review' | 'last_revision'
>;

const shownRows = (db: Database.Database) =>
  db
    .prepare<[], ShownRow>(
      `SELECT application_id, status, review_track, assignee, valid_until, flagged_for_review, last_revision
       FROM case_list ORDER BY application_id`,
    )
    .all();

/** What the list must show of each case: the aggregate's own summary after the same events, and its last revision. */
const summariesOf = (domain: DomainCases): ShownRow[] =>
  [...domain.ids].sort().map((id) => {
    const summary = domain.summaryOf(id);
    return {
      application_id: id,
      status: summary.status,
      review_track: summary.reviewTrack,
      assignee: summary.assignee,
      valid_until: summary.validUntil,
      flagged_for_review: summary.flaggedForReview ? 1 : 0,
      last_revision: domain.historyOf(id).events.length - 1,
    };
  });

/** The counters as a GROUP BY over the rows gives them. */
function recount(db: Database.Database) {
  return {
    officer_workload: db
      .prepare(
        `SELECT assignee AS officer_id, status, COUNT(*) AS count FROM case_list WHERE assignee IS NOT NULL
         GROUP BY assignee, status ORDER BY officer_id, status, count`,
      )
      .all(),
    dashboard_counts: db
      .prepare(
        `SELECT c.status, c.review_track, k.country, COUNT(*) AS count FROM case_list c JOIN case_countries k USING (application_id)
         GROUP BY c.status, c.review_track, k.country ORDER BY c.status, c.review_track, k.country, count`,
      )
      .all(),
    case_totals: db
      .prepare('SELECT status, review_track, COUNT(*) AS count FROM case_list GROUP BY status, review_track ORDER BY status, review_track, count')
      .all(),
    licence_expiry: db
      .prepare(
        `SELECT application_id, valid_until, status FROM case_list WHERE status IN ('approved', 'suspended')
         ORDER BY application_id, valid_until, status`,
      )
      .all(),
  };
}

function counters(db: Database.Database) {
  const { officer_workload, dashboard_counts, case_totals, licence_expiry } = dumpProjection(db, casesProjection);
  return { officer_workload, dashboard_counts, case_totals, licence_expiry };
}

/** SQLite's order of text (by bytes), which `localeCompare` is not. */
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The dashboard, the workload, the list and the expiry schedule answer what the rows say. */
function expectQueriesAgreeWithRows(db: Database.Database): void {
  const rows = db.prepare<[], CaseListRecord>('SELECT * FROM case_list').all();
  const dashboard = readDashboard(db);
  expect(dashboard.totals.cases).toBe(rows.length);
  for (const status of CASE_STATUSES) expect(dashboard.totals.byStatus[status]).toBe(rows.filter((row) => row.status === status).length);
  expect(dashboard.counts.map(({ status, reviewTrack, country, count }) => ({ status, review_track: reviewTrack, country, count }))).toEqual(
    recount(db).dashboard_counts,
  );

  const officers = [...new Set(rows.flatMap((row) => (row.assignee === null ? [] : [row.assignee])))].sort();
  expect(readOfficerWorkload(db)).toEqual(
    officers.map((officerId) => {
      const theirs = rows.filter((row) => row.assignee === officerId);
      const count = (keep: (row: CaseListRecord) => boolean) => theirs.filter(keep).length;
      return {
        officerId,
        underReview: count((row) => row.status === 'under-review'),
        referred: count((row) => row.status === 'referred'),
        open: count((row) => isPending(row.status)),
        decided: count((row) => !isPending(row.status)),
      };
    }),
  );

  const listed = listApplications(db, new ListApplicationsQuery({}, 200, null)).items;
  const newestFirst = [...rows].sort((a, b) => byText(b.submitted_at, a.submitted_at) || byText(b.application_id, a.application_id));
  const shown = listed.map(({ id, status, reviewTrack, assignee, validUntil, flaggedForReview, revision }) => ({
    id,
    status,
    reviewTrack,
    assignee,
    validUntil,
    flaggedForReview,
    revision,
  }));
  expect(shown).toEqual(
    newestFirst.slice(0, 200).map((row) => ({
      id: row.application_id,
      status: row.status,
      reviewTrack: row.review_track,
      assignee: row.assignee,
      validUntil: row.valid_until,
      flaggedForReview: row.flagged_for_review === 1,
      revision: row.last_revision,
    })),
  );

  const live = rows.filter((row) => row.status === 'approved' || row.status === 'suspended');
  expect(dueExpiries(db, '9999-12-31', 10_000)).toEqual(
    live
      .sort((a, b) => byText(a.valid_until!, b.valid_until!) || byText(a.application_id, b.application_id))
      .map((row) => ({ applicationId: row.application_id, validUntil: row.valid_until })),
  );
}

// ── Specifications: given the events already projected, when these arrive, then the rows ──────────────────────

/** A DSP-5 for the Cambodian forces (case by case since Cambodia's removal), approved: a live licence. */
const cambodianLicence = (applicationId = APPLICATION_ID) =>
  aCase({ applicationId, parties: [anEndUser('KH', 'Royal Cambodian Armed Forces')] })
    .assigned({ applicationId })
    .approved({ applicationId });

/** The licence flagged by a tightening (a hypothetical re-listing of Cambodia), through the domain's decision. */
const flagged = (history: CaseHistory, applicationId = APPLICATION_ID) => reevaluatedBy('relisting', history, applicationId);

describe('the cases projection', () => {
  it('opens a row for a submission: submitted, unassigned, its applicant and value, and each party country once, sorted', () => {
    const submitted = aCase({
      parties: [anEndUser('FR'), aParty('foreign-consignee', 'DE'), aParty('intermediate-consignee', 'FR')],
      valueUsd: 1_000.5,
    });
    cases()
      .given([])
      .when(inStream(submitted.events))
      .then({
        case_list: [
          {
            application_id: APPLICATION_ID,
            status: 'submitted',
            review_track: 'case-by-case',
            assignee: null,
            licence_type: 'DSP-5',
            applicant_name: 'Acme Defense Systems',
            value_usd: 1_000.5,
            submitted_at: '2025-11-08T09:30:00.000Z',
            valid_until: null,
            flagged_for_review: 0,
            last_revision: 0,
          },
        ],
        case_countries: [
          { application_id: APPLICATION_ID, country: 'DE' },
          { application_id: APPLICATION_ID, country: 'FR' },
        ],
        case_totals: [{ status: 'submitted', review_track: 'case-by-case', count: 1 }],
        officer_workload: [],
      });
  });

  it('ignores the events of a case whose submission it has not seen', () => {
    const submitted = aCase();
    cases().given([]).when(after(submitted, submitted.assigned())).then({ case_list: [], case_totals: [] });
  });

  it('moves the revision, position and last change on an event of a type it does not know, and nothing else', () => {
    const submitted = aCase();
    cases()
      .given(inStream(submitted.events))
      .when([{ streamName: streamOf(APPLICATION_ID), type: 'SomethingNew', data: { applicationId: APPLICATION_ID }, recordedAt: AT }])
      .then({ case_list: [{ status: 'submitted', last_revision: 1, last_position: '2', last_changed_at: AT }] });
  });

  it('moves the case between the officers’ workload buckets as it is assigned, re-assigned and decided', () => {
    const referred = aCase().assigned().referred();
    cases()
      .given(inStream(referred.events))
      .when(after(referred, referred.assigned({ officerId: 'officer-ben' }).answered().denied()))
      .then({
        case_list: [{ status: 'denied', assignee: 'officer-ben' }],
        officer_workload: [{ officer_id: 'officer-ben', status: 'denied', count: 1 }],
      });
  });

  it('serves the dashboard, the workload and the due expiries from its counters', () => {
    const id = caseId(1);
    const licence = aCase({ applicationId: id, parties: [anEndUser('DE'), aParty('foreign-consignee', 'FR')] })
      .assigned({ applicationId: id, officerId: 'officer-a' })
      .approved({ applicationId: id, validUntil: '2026-02-01' });
    cases()
      .given([])
      .when(inStream(licence.events, id))
      .then((db) => {
        const dashboard = readDashboard(db);
        expect(dashboard.counts).toEqual([
          { status: 'approved', reviewTrack: 'case-by-case', country: 'DE', count: 1 },
          { status: 'approved', reviewTrack: 'case-by-case', country: 'FR', count: 1 },
        ]);
        expect(dashboard.totals).toMatchObject({
          byStatus: { approved: 1, submitted: 0 },
          byReviewTrack: { 'case-by-case': 1, 'policy-of-denial': 0 },
          cases: 1,
        });
        expect(dashboard.asOfPosition).toBe('3');
        expect(readOfficerWorkload(db)).toEqual([{ officerId: 'officer-a', underReview: 0, referred: 0, open: 0, decided: 1 }]);
        expect(dueExpiries(db, '2026-02-01', 10)).toEqual([]);
        expect(dueExpiries(db, '2026-02-02', 10)).toEqual([{ applicationId: id, validUntil: '2026-02-01' }]);
      });

    cases()
      .given(inStream(licence.events, id))
      .when(after(licence, licence.revoked({ applicationId: id }), id))
      .then((db) => {
        expect(dueExpiries(db, '2026-02-02', 10)).toEqual([]);
        expect(readDashboard(db).totals.byStatus).toMatchObject({ approved: 0, revoked: 1 });
      });
  });

  describe('the review track', () => {
    it('follows a re-evaluation that moves a pending case to another track (ReviewTrackChanged)', () => {
      const domain = new DomainCases();
      const { applicationId } = domain.open('cambodianForcesBeforeRemoval');
      const before = domain.historyOf(applicationId);
      const moved = reevaluatedBy('removal', before, applicationId);
      expect(moved.events.at(-1)!.type).toBe('ReviewTrackChanged');

      cases()
        .given(inStream(before.events, applicationId))
        .when(after(before, moved, applicationId))
        .then({
          case_list: [{ status: 'submitted', review_track: 'case-by-case' }],
          case_totals: [{ status: 'submitted', review_track: 'case-by-case', count: 1 }],
          dashboard_counts: [{ status: 'submitted', review_track: 'case-by-case', country: 'KH', count: 1 }],
        });
    });

    it('stays where it is when a re-evaluation only revises the determinations (DeterminationsRevised)', () => {
      const domain = new DomainCases();
      const { applicationId } = domain.open('cambodianDeminingBeforeRemoval');
      const before = domain.historyOf(applicationId);
      const revised = reevaluatedBy('removal', before, applicationId);
      expect(revised.events.at(-1)!.type).toBe('DeterminationsRevised');

      cases()
        .given(inStream(before.events, applicationId))
        .when(after(before, revised, applicationId))
        .then({ case_list: [{ status: 'submitted', review_track: before.state!.reviewTrack, last_revision: 1 }] });
    });
  });

  describe('the §126.7 review flag', () => {
    const listed = (db: Database.Database, filters: ApplicationFilters) =>
      listApplications(db, new ListApplicationsQuery(filters, 50, null)).items.map((item) => [item.id, item.flaggedForReview]);
    const [suspendedId, revokedId, pendingId] = [caseId(1), caseId(2), caseId(3)];
    const toSuspend = flagged(cambodianLicence(suspendedId), suspendedId);
    const toRevoke = flagged(
      aCase({ applicationId: revokedId, parties: [anEndUser('KH'), aParty('foreign-consignee', 'DE')], submittedAt: '2025-11-08T10:00:00.000Z' })
        .assigned({ applicationId: revokedId })
        .approved({ applicationId: revokedId }),
      revokedId,
    );
    const pending = aCase({ applicationId: pendingId, parties: [anEndUser('KH')], submittedAt: '2025-11-08T11:00:00.000Z' });
    const flaggedLog = [...inStream(toSuspend.events, suspendedId), ...inStream(toRevoke.events, revokedId), ...inStream(pending.events, pendingId)];

    it('is set by LicenceFlaggedForReview, and the list filters on it', () => {
      cases()
        .given([])
        .when(flaggedLog)
        .then((db) => {
          expect(listed(db, { flagged: true })).toEqual([
            [revokedId, true],
            [suspendedId, true],
          ]);
          expect(listed(db, { flagged: false })).toEqual([[pendingId, false]]);
          expect(listed(db, { flagged: true, country: 'DE' })).toEqual([[revokedId, true]]);
        });
    });

    it('is cleared by a suspension or a revocation, the outcome of the review', () => {
      cases()
        .given(flaggedLog)
        .when([
          ...after(toSuspend, toSuspend.suspended({ applicationId: suspendedId }), suspendedId),
          ...after(toRevoke, toRevoke.revoked({ applicationId: revokedId }), revokedId),
        ])
        .then((db) => {
          expect(listed(db, { flagged: true })).toEqual([]);
          expect(db.prepare('SELECT status, flagged_for_review FROM case_list ORDER BY application_id').all()).toEqual([
            { status: 'suspended', flagged_for_review: 0 },
            { status: 'revoked', flagged_for_review: 0 },
            { status: 'submitted', flagged_for_review: 0 },
          ]);
        });
    });

    it('is set again by a later tightening on a suspended licence, which is still live', () => {
      const suspended = toSuspend.suspended({ applicationId: suspendedId });
      const table1 = reevaluatedBy('table1', suspended, suspendedId);
      cases()
        .given(inStream(suspended.events, suspendedId))
        .when(after(suspended, table1, suspendedId))
        .then((db) => expect(listed(db, { flagged: true, status: 'suspended' })).toEqual([[suspendedId, true]]));
    });

    it('stays set through an expiry, which is no review (the case keeps it too)', () => {
      const expired = toSuspend.expired({ applicationId: suspendedId });
      expect(expired.state).toMatchObject({ status: 'expired', flaggedForReview: true });
      cases()
        .given(inStream(toSuspend.events, suspendedId))
        .when(after(toSuspend, expired, suspendedId))
        .then({ case_list: [{ status: 'expired', flagged_for_review: 1 }] });
    });

    it('is neither set twice nor cleared by a flag delivered again', () => {
      const given = inStream(toSuspend.events, suspendedId);
      cases().given(given).when([given.at(-1)!]).thenNothingChanges();
    });

    it('stays cleared when a late copy of the flag arrives after the suspension', () => {
      const given = [
        ...inStream(toSuspend.events, suspendedId),
        ...after(toSuspend, toSuspend.suspended({ applicationId: suspendedId }), suspendedId),
      ];
      const flag = given.find((event) => event.type === 'LicenceFlaggedForReview')!;
      cases().given(given).when([flag]).then({ case_list: [{ status: 'suspended', flagged_for_review: 0 }] });
    });
  });

  describe('over any history the domain can record', () => {
    it('shows each case as the aggregate’s own summary, with counters and queries that agree with the rows', () => {
      fc.assert(
        fc.property(aCaseLog(8, 40), fc.nat(), (log, split) => {
          const domain = new DomainCases();
          const events = recordCaseLog(domain, log).flatMap(({ applicationId, events }) => inStream(events, applicationId));
          const cut = split % (events.length + 1);
          // Part of the log is already projected, the rest arrives as a new batch: rows are read back and moved.
          cases()
            .given(events.slice(0, cut))
            .when(events.slice(cut))
            .then((db) => {
              expect(shownRows(db)).toEqual(summariesOf(domain));
              expect(counters(db)).toEqual(recount(db));
              expectQueriesAgreeWithRows(db);
            });
        }),
        { numRuns: 60 },
      );
    });
  });
});

// ── The projector running the projection over a real log ──────────────────────────────────────────────────────

const STORES: Array<[string, (dir: string) => EventStore]> = [
  ['in-memory', () => new InMemoryEventStore()],
  ['SQLite', (dir) => SqliteEventStore.open(join(dir, 'events.sqlite'))],
];

describe.each(STORES)('the cases projection run by the projector (over the %s event store)', (_label, openStore) => {
  let dir: string;
  let store: EventStore;
  const projectors: SqliteProjector[] = [];
  const open = (batchSize = 500) => {
    const projector = SqliteProjector.open(join(dir, 'read-models.sqlite'), store, [casesProjection], { batchSize });
    projectors.push(projector);
    return projector;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cases-projection-'));
    store = openStore(dir);
  });
  afterEach(async () => {
    for (const projector of projectors.splice(0)) await projector.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows each case as the aggregate does after catching up in small batches, counters equal to a GROUP BY recount', async () => {
    const domain = await appendHistory(store, 7, 40);
    const projector = open(7);
    await projector.catchUp();

    expect(shownRows(projector.database)).toEqual(summariesOf(domain));
    expect(counters(projector.database)).toEqual(recount(projector.database));
    // The history is rich enough for the check to mean something.
    expect(new Set(shownRows(projector.database).map((row) => row.status)).size).toBeGreaterThanOrEqual(5);
  });

  it('changes nothing when the whole log is delivered again (lost checkpoint)', async () => {
    await appendHistory(store, 11, 30);
    const projector = open();
    await projector.catchUp();
    const live = dumpProjection(projector.database, casesProjection);

    projector.database.prepare('DELETE FROM projection_checkpoints').run();
    await projector.catchUp();

    expect(dumpProjection(projector.database, casesProjection)).toEqual(live);
  });

  it('rebuilds exactly the rows it built live, batch by batch, while events kept arriving', async () => {
    const projector = open(5);
    const domain = await appendHistory(store, 3, 15);
    await projector.catchUp();
    await appendHistory(store, 4, 15, domain);
    await projector.catchUp();
    const live = dumpProjection(projector.database, casesProjection);

    await projector.rebuild();

    expect(dumpProjection(projector.database, casesProjection)).toEqual(live);
    expect(shownRows(projector.database)).toEqual(summariesOf(domain));
  });

  it('migrates case_countries off its foreign key (migration 3), keeping every row, the index and the checkpoint', async () => {
    await appendHistory(store, 23, 20);
    const before = SqliteProjector.open(join(dir, 'read-models.sqlite'), store, [{ ...casesProjection, migrations: CASES_MIGRATIONS.slice(0, 2) }]);
    await before.catchUp();
    const projected = dumpProjection(before.database, casesProjection);
    const checkpoint = before.checkpoint('cases');
    expect(before.database.prepare("SELECT COUNT(*) AS n FROM pragma_foreign_key_list('case_countries')").get()).toEqual({ n: 1 });
    await before.close();

    const projector = open();

    expect(projector.database.prepare("SELECT COUNT(*) AS n FROM pragma_foreign_key_list('case_countries')").get()).toEqual({ n: 0 });
    expect(projector.database.prepare("SELECT name FROM pragma_index_list('case_countries') WHERE origin = 'c'").all()).toEqual([
      { name: 'case_countries_country' },
    ]);
    expect(dumpProjection(projector.database, casesProjection)).toEqual(projected);
    expect(projector.checkpoint('cases')).toBe(checkpoint);
    const cases = projected.case_list!.length;
    await appendHistory(store, 24, 5, new DomainCases(1_000));
    await projector.catchUp();
    await projector.rebuild();
    expect(dumpProjection(projector.database, casesProjection).case_list!.length).toBeGreaterThan(cases);
  });

  it('migrates a file built before the review flag existed (migration 1, with rows) and replays the log into it', async () => {
    const flaggedId = caseId(900);
    const licence = flagged(cambodianLicence(flaggedId), flaggedId);
    await appendCases(store, [{ applicationId: flaggedId, streamName: streamOf(flaggedId), events: licence.events, revisionBefore: null }]);
    await appendHistory(store, 5, 20);

    // What the current build projects, in a file of its own.
    const current = SqliteProjector.open(join(dir, 'current.sqlite'), store, [casesProjection]);
    projectors.push(current);
    await current.catchUp();
    const expected = dumpProjection(current.database, casesProjection);
    const rows = expected.case_list!.length;

    // The file as the previous build left it: migration 1 only, the same rows without the flag, caught up.
    const old = new Database(join(dir, 'read-models.sqlite'));
    try {
      old.pragma('foreign_keys = ON');
      migrateReadModels(old, [{ ...casesProjection, migrations: CASES_MIGRATIONS.slice(0, 1) }], () => new Date(AT));
      old.prepare('ATTACH DATABASE ? AS current').run(join(dir, 'current.sqlite'));
      old.exec(`
        INSERT INTO case_list SELECT application_id, status, review_track, assignee, licence_type, applicant_name, value_usd,
          submitted_at, last_changed_at, valid_until, last_revision, last_position FROM current.case_list;
        INSERT INTO case_countries SELECT * FROM current.case_countries;
        INSERT INTO officer_workload SELECT * FROM current.officer_workload;
        INSERT INTO dashboard_counts SELECT * FROM current.dashboard_counts;
        INSERT INTO case_totals SELECT * FROM current.case_totals;
        INSERT INTO licence_expiry SELECT * FROM current.licence_expiry;
        INSERT INTO projection_checkpoints SELECT * FROM current.projection_checkpoints WHERE projection = 'cases';
      `);
      old.exec('DETACH DATABASE current');
      expect(old.prepare('SELECT COUNT(*) AS n FROM case_list').get()).toEqual({ n: rows });
      expect(old.prepare("SELECT COUNT(*) AS n FROM pragma_table_info('case_list') WHERE name = 'flagged_for_review'").get()).toEqual({ n: 0 });
    } finally {
      old.close();
    }

    const projector = open();
    expect(projector.database.prepare("SELECT version, name FROM projection_migrations WHERE projection = 'cases' ORDER BY version").all()).toEqual([
      { version: 1, name: 'create-case-list' },
      { version: 2, name: 'add-flagged-for-review' },
      { version: 3, name: 'case-countries-without-foreign-key' },
    ]);
    expect(
      projector.database
        .prepare<[], { notnull: number; dflt_value: string }>("SELECT \"notnull\", dflt_value FROM pragma_table_info('case_list') WHERE name = 'flagged_for_review'")
        .get(),
    ).toEqual({ notnull: 1, dflt_value: '0' });
    // The rows the previous build wrote cannot carry the flag, and their revision guards would skip the events
    // that set it: the migration cleared them and the checkpoint, so the next catch-up replays the log.
    expect(projector.checkpoint('cases')).toBeNull();
    expect(projector.database.prepare('SELECT COUNT(*) AS n FROM case_list').get()).toEqual({ n: 0 });

    await projector.catchUp();
    expect(dumpProjection(projector.database, casesProjection)).toEqual(expected);
    expect(projector.database.prepare('SELECT flagged_for_review FROM case_list WHERE application_id = ?').get(flaggedId)).toEqual({ flagged_for_review: 1 });
    expect(() => projector.database.prepare('UPDATE case_list SET flagged_for_review = 2 WHERE application_id = ?').run(flaggedId)).toThrow(
      /CHECK constraint failed/,
    );
  });
});

describe('the cases projection, batch by batch (over the in-memory event store)', () => {
  let dir: string;
  const projectors: SqliteProjector[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cases-batches-'));
  });
  afterEach(async () => {
    for (const projector of projectors.splice(0)) await projector.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds the same tables caught up in batches of any size, by one or two processes, as rebuilt from the log', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            log: aCaseLog(6, 24),
            batchSize: fc.integer({ min: 1, max: 40 }),
            maxBatchRows: fc.integer({ min: 1, max: 60 }),
            maxReplayBatchRows: fc.integer({ min: 1, max: 60 }),
            process: fc.integer({ min: 0, max: 1 }),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        async (rounds) => {
          run += 1;
          const history = new InMemoryEventStore();
          const file = join(dir, `property-${run}.sqlite`);
          // Two "processes" project into the same file, each with its own batch sizes.
          const processes: Array<SqliteProjector | undefined> = [undefined, undefined];
          const domain = new DomainCases();
          try {
            for (const { log, ...round } of rounds) {
              await appendCases(history, recordCaseLog(domain, log));
              await processes[round.process]?.close();
              processes[round.process] = SqliteProjector.open(file, history, [casesProjection], round);
              await processes[round.process]!.catchUp();
            }
            const live = processes[rounds.at(-1)!.process]!;
            const projected = dumpProjection(live.database, casesProjection);
            expect(shownRows(live.database)).toEqual(summariesOf(domain));
            expect(counters(live.database)).toEqual(recount(live.database));

            await live.rebuild();
            expect(dumpProjection(live.database, casesProjection)).toEqual(projected);
            const fresh = SqliteProjector.open(join(dir, `property-${run}-fresh.sqlite`), history, [casesProjection]);
            processes.push(fresh);
            await fresh.catchUp();
            expect(dumpProjection(fresh.database, casesProjection)).toEqual(projected);
          } finally {
            for (const projector of processes) await projector?.close();
            await history.close();
          }
        },
      ),
      { numRuns: 15 },
    );
  });

  it('builds the indexes after the rows when a batch fills the empty case list, and they answer as before', async () => {
    // Over the in-memory store whatever the suite's: 15 000 appends one by one would take minutes with fsyncs.
    const history = new InMemoryEventStore();
    const domain = new DomainCases();
    await appendCases(history, recordCaseLog(domain, sampledCaseLog(17, 5_200, 10_400)));
    const live = SqliteProjector.open(join(dir, 'large.sqlite'), history, [casesProjection], { batchSize: 700 });
    projectors.push(live);
    await live.catchUp();
    const projected = dumpProjection(live.database, casesProjection);
    const indexes = () => live.database.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name").all();
    const before = indexes();

    // Read whole, the log is one batch: 5 200 new cases, more than enough for the indexes to be built after.
    await live.rebuild();

    expect(dumpProjection(live.database, casesProjection)).toEqual(projected);
    expect(indexes()).toEqual(before);
    expect(live.database.pragma('integrity_check', { simple: true })).toBe('ok');
    const referred = domain.ids.filter((id) => domain.summaryOf(id).status === 'referred').length;
    expect(referred).toBeGreaterThan(0);
    expect(listApplications(live.database, new ListApplicationsQuery({ status: 'referred' }, 200, null)).items.length).toBe(Math.min(200, referred));
  }, 60_000);
});
