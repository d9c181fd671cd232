import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import {
  dumpProjection,
  InMemoryEventStore,
  migrateReadModels,
  SqliteEventStore,
  SqliteProjector,
  type EventStore,
} from '@app/infra';
import { dueExpiries } from '../expire-licences/expiry-schedule.read-model';
import { readDashboard } from '../get-dashboard/get-dashboard.handler';
import { readOfficerWorkload } from '../get-officer-workload/get-officer-workload.handler';
import { listApplications } from '../list-applications/list-applications.handler';
import { ListApplicationsQuery, type ApplicationFilters } from '../list-applications/list-applications.query';
import { casesProjection } from './cases.projection';
import { CASES_MIGRATIONS } from './cases.schema';

const META = { actor: 'test', correlationId: 'corr', causationId: null, schemaVersion: 1 };
const AT = '2026-11-30T09:00:00.000Z';

/** A tiny deterministic PRNG (mulberry32), so a failing run can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ModelCase {
  id: string;
  status: string;
  track: 'policy-of-denial' | 'case-by-case';
  assignee: string | null;
  countries: string[];
  validUntil: string | null;
  flagged: boolean;
  outstanding: string[];
  revision: number;
}

function submitted(id: string, countries: string[], track: string, submittedAt: string) {
  return {
    type: 'LicenceApplicationSubmitted',
    data: {
      applicationId: id,
      licenceType: 'DSP-5',
      applicant: { name: `Applicant ${id.slice(0, 4)}`, registrationCode: 'M12345' },
      usmlCategories: ['XI'],
      valueUsd: 1000.5,
      majorDefenseEquipment: false,
      endUseCodes: [],
      description: 'Radios',
      parties: countries.map((country, index) => ({ role: index === 0 ? 'end-user' : 'foreign-consignee', name: `P${index}`, country })),
      submittedAt,
      submittedBy: 'clerk',
      policyDate: submittedAt.slice(0, 10),
      determinations: countries.map((country) => ({ country, track })),
      reviewTrack: track,
    },
  };
}

/** A LicenceFlaggedForReview payload as re-evaluation records it after Cambodia's re-listing. */
function flaggedData(id: string) {
  return {
    applicationId: id,
    reevaluationId: randomUUID(),
    reason: 'KH is now denial-with-exceptions under 22 CFR 126.1: review the licence under 22 CFR 126.7',
    authority: '22 CFR 126.7',
    determination: { country: 'KH', policyStatus: 'denial-with-exceptions', paragraph: '(o)', exceptionApplied: null, policyVersion: 4 },
    trigger: { policyEventId: randomUUID(), countryCode: 'KH', from: 'not-listed', to: 'denial-with-exceptions' },
    flaggedAt: '2026-11-29T09:00:00.000Z',
    flaggedBy: 'system:reevaluation',
  };
}

/** Picks a legal next event for the case (or null when it is closed), and updates the model as the spec says. */
function nextEvent(c: ModelCase, pick: <T>(items: readonly T[]) => T): { type: string; data: Record<string, unknown> } | null {
  const at = '2026-01-01T00:00:00.000Z';
  const officers = ['officer-a', 'officer-b', 'officer-c'];
  const base = { applicationId: c.id };
  const options: Array<() => { type: string; data: Record<string, unknown> }> = [];
  const pending = ['submitted', 'under-review', 'referred'].includes(c.status);
  if (pending) {
    options.push(() => {
      const officerId = pick(officers);
      const previous = c.assignee;
      c.assignee = officerId;
      if (c.status === 'submitted') c.status = 'under-review';
      return { type: 'CaseAssigned', data: { ...base, officerId, previousOfficerId: previous, assignedAt: at, assignedBy: 'sup' } };
    });
    options.push(() => {
      const to = c.track === 'case-by-case' ? 'policy-of-denial' : 'case-by-case';
      const from = c.track;
      c.track = to;
      return { type: 'ReviewTrackChanged', data: { ...base, from, to, determinations: [] } };
    });
    // A re-evaluation that leaves the track where it is, but revises the determinations (the row keeps its track).
    options.push(() => ({
      type: 'DeterminationsRevised',
      data: { ...base, reviewTrack: c.track, determinations: [], revisedCountries: [], notificationDuty126_1e: false },
    }));
    // Withdrawals are rare, or most cases would end there.
    if (pick([true, false, false, false, false])) options.push(() => {
      c.status = 'withdrawn';
      return { type: 'ApplicationWithdrawn', data: { ...base, reason: 'r', withdrawnAt: at, withdrawnBy: 'x' } };
    });
  }
  if (c.status === 'under-review' || c.status === 'referred') {
    options.push(() => {
      const agency = pick(['DoD', 'DoE', 'DoC'].filter((a) => !c.outstanding.includes(a)).concat(['DoJ']));
      if (!c.outstanding.includes(agency)) c.outstanding.push(agency);
      c.status = 'referred';
      return { type: 'CaseReferred', data: { ...base, agency, referredAt: at, referredBy: 'o' } };
    });
  }
  if (c.status === 'referred' && c.outstanding.length > 0) {
    options.push(() => {
      const agency = c.outstanding.shift()!;
      if (c.outstanding.length === 0) c.status = 'under-review';
      return {
        type: 'ReferralAnswered',
        data: { ...base, agency, recommendation: 'approve', provisos: [], answeredAt: at, answeredBy: 'o', outstandingReferrals: [...c.outstanding] },
      };
    });
  }
  if (c.status === 'under-review') {
    if (c.track === 'case-by-case') {
      options.push(() => {
        c.status = 'approved';
        c.validUntil = pick(['2026-03-01', '2027-06-30', '2030-01-01']);
        return { type: 'LicenceApproved', data: { ...base, provisos: [], approvedAt: at, approvedBy: 'o', validFrom: '2026-01-01', validUntil: c.validUntil } };
      });
    }
    options.push(() => {
      c.status = 'denied';
      return { type: 'LicenceDenied', data: { ...base, reason: 'r', deniedAt: at, deniedBy: 'o' } };
    });
    options.push(() => {
      c.status = 'returned-without-action';
      return { type: 'ApplicationReturnedWithoutAction', data: { ...base, reason: 'r', returnedAt: at, returnedBy: 'o' } };
    });
  }
  if (c.status === 'approved') {
    options.push(() => {
      c.status = 'suspended';
      c.flagged = false;
      return { type: 'LicenceSuspended', data: { ...base, reason: 'r', suspendedAt: at, suspendedBy: 's', authority: '126.7' } };
    });
  }
  if (c.status === 'approved' || c.status === 'suspended') {
    options.push(() => {
      c.status = 'revoked';
      c.flagged = false;
      return { type: 'LicenceRevoked', data: { ...base, reason: 'r', revokedAt: at, revokedBy: 's', authority: '126.7' } };
    });
    options.push(() => {
      c.status = 'expired';
      return { type: 'LicenceExpired', data: { ...base, validUntil: c.validUntil, expiredOn: '2030-01-02', expiredAt: at } };
    });
    // A tightening reached the live licence (a suspended one too): flagged until a suspension or revocation.
    options.push(() => {
      c.flagged = true;
      return { type: 'LicenceFlaggedForReview', data: flaggedData(c.id) };
    });
  }
  if (options.length === 0) return null;
  return pick(options)();
}

/** Appends a random but legal history of `count` cases, interleaved across cases, to the store. */
async function appendHistory(store: EventStore, seed: number, count: number, models: ModelCase[] = []): Promise<ModelCase[]> {
  const next = random(seed);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const countries = ['KH', 'VE', 'DE', 'CN', 'FR', 'CY'];
  for (let i = 0; i < count; i += 1) {
    const id = randomUUID();
    const picked = [...new Set([pick(countries), pick(countries), pick(countries)].slice(0, 1 + Math.floor(next() * 3)))];
    const track = pick(['policy-of-denial', 'case-by-case'] as const);
    const submittedAt = new Date(Date.UTC(2025, 10, 1) + Math.floor(next() * 1e9)).toISOString();
    const event = submitted(id, picked, track, submittedAt);
    await store.appendToStream(`LicenceApplication-${id}`, [{ id: randomUUID(), ...event, metadata: META }], { expectedRevision: 'no-stream' });
    models.push({
      id,
      status: 'submitted',
      track,
      assignee: null,
      countries: [...picked].sort(),
      validUntil: null,
      flagged: false,
      outstanding: [],
      revision: 0,
    });
  }
  for (let step = 0; step < count * 4; step += 1) {
    const model = pick(models);
    const event = nextEvent(model, pick);
    if (event === null) continue;
    await store.appendToStream(`LicenceApplication-${model.id}`, [{ id: randomUUID(), ...event, metadata: META }], {
      expectedRevision: BigInt(model.revision),
    });
    model.revision += 1;
  }
  // A country-policy event in between: not of the projection's category.
  await store.appendToStream('CountryPolicy-KH', [{ id: randomUUID(), type: 'CountryStatusChanged', data: {}, metadata: META }], {
    expectedRevision: 'any',
  });
  return models;
}

/** The counters as a GROUP BY over the rows gives them. */
function recount(projector: SqliteProjector) {
  const db = projector.database;
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

const STORES: Array<[string, (dir: string) => EventStore]> = [
  ['in-memory', () => new InMemoryEventStore()],
  ['SQLite', (dir) => SqliteEventStore.open(join(dir, 'events.sqlite'))],
];

describe.each(STORES)('the cases projection (over the %s event store)', (_label, openStore) => {
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

  it('keeps one row per case as the spec maps the lifecycle, and counters equal to a GROUP BY recount', async () => {
    const models = await appendHistory(store, 7, 60);
    const projector = open(7);
    await projector.catchUp();

    const rows = projector.database
      .prepare<
        [],
        {
          application_id: string;
          status: string;
          review_track: string;
          assignee: string | null;
          valid_until: string | null;
          flagged_for_review: number;
          last_revision: number;
        }
      >(
        `SELECT application_id, status, review_track, assignee, valid_until, flagged_for_review, last_revision
         FROM case_list ORDER BY application_id`,
      )
      .all();
    expect(rows).toEqual(
      [...models]
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map((m) => ({
          application_id: m.id,
          status: m.status,
          review_track: m.track,
          assignee: m.assignee,
          valid_until: m.validUntil,
          flagged_for_review: m.flagged ? 1 : 0,
          last_revision: m.revision,
        })),
    );
    const countries = projector.database.prepare('SELECT COUNT(*) AS n FROM case_countries').get() as { n: number };
    expect(countries.n).toBe(models.reduce((sum, m) => sum + m.countries.length, 0));

    const dump = dumpProjection(projector.database, casesProjection);
    expect({
      officer_workload: dump.officer_workload,
      dashboard_counts: dump.dashboard_counts,
      case_totals: dump.case_totals,
      licence_expiry: dump.licence_expiry,
    }).toEqual(recount(projector));
    // The history is rich enough for the check to mean something.
    expect(new Set(models.map((m) => m.status)).size).toBeGreaterThanOrEqual(6);
    expect(dump.licence_expiry!.length).toBeGreaterThan(0);
    expect(rows.some((row) => row.flagged_for_review === 1)).toBe(true);
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
    const models = await appendHistory(store, 3, 15);
    await projector.catchUp();
    await appendHistory(store, 4, 15, models);
    await projector.catchUp();
    const live = dumpProjection(projector.database, casesProjection);

    await projector.rebuild();

    expect(dumpProjection(projector.database, casesProjection)).toEqual(live);
    expect(recount(projector).officer_workload).toEqual(live.officer_workload);
  });

  it('serves the dashboard, the workload and the due expiries from the counters', async () => {
    const id = randomUUID();
    const stream = `LicenceApplication-${id}`;
    const append = (type: string, data: Record<string, unknown>, expectedRevision: bigint | 'no-stream') =>
      store.appendToStream(stream, [{ id: randomUUID(), type, data: { applicationId: id, ...data }, metadata: META }], { expectedRevision });
    await append('LicenceApplicationSubmitted', submitted(id, ['VE', 'DE'], 'case-by-case', '2026-01-01T00:00:00.000Z').data, 'no-stream');
    await append('CaseAssigned', { officerId: 'officer-a', previousOfficerId: null }, 0n);
    await append('LicenceApproved', { validUntil: '2026-02-01' }, 1n);
    const projector = open();
    await projector.catchUp();

    const dashboard = readDashboard(projector.database);
    expect(dashboard.counts).toEqual([
      { status: 'approved', reviewTrack: 'case-by-case', country: 'DE', count: 1 },
      { status: 'approved', reviewTrack: 'case-by-case', country: 'VE', count: 1 },
    ]);
    expect(dashboard.totals).toMatchObject({ byStatus: { approved: 1, submitted: 0 }, byReviewTrack: { 'case-by-case': 1, 'policy-of-denial': 0 }, cases: 1 });
    expect(dashboard.asOfPosition).toBe(await store.lastPosition());
    expect(readOfficerWorkload(projector.database)).toEqual([{ officerId: 'officer-a', underReview: 0, referred: 0, open: 0, decided: 1 }]);
    expect(dueExpiries(projector.database, '2026-02-01', 10)).toEqual([]);
    expect(dueExpiries(projector.database, '2026-02-02', 10)).toEqual([{ applicationId: id, validUntil: '2026-02-01' }]);

    await append('LicenceRevoked', { reason: 'r' }, 2n);
    await projector.catchUp();
    expect(dueExpiries(projector.database, '2026-02-02', 10)).toEqual([]);
    expect(readDashboard(projector.database).totals.byStatus).toMatchObject({ approved: 0, revoked: 1 });
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
    await appendHistory(store, 24, 5);
    await projector.catchUp();
    await projector.rebuild();
    expect(dumpProjection(projector.database, casesProjection).case_list).toHaveLength(25);
  });

  it('ignores an unknown event type but moves the revision and the checkpoint', async () => {
    const id = randomUUID();
    const stream = `LicenceApplication-${id}`;
    await store.appendToStream(stream, [{ id: randomUUID(), ...submitted(id, ['KH'], 'case-by-case', '2026-01-01T00:00:00.000Z'), metadata: META }], {
      expectedRevision: 'no-stream',
    });
    const last = await store.appendToStream(stream, [{ id: randomUUID(), type: 'SomethingNew', data: { applicationId: id }, metadata: META }], {
      expectedRevision: 0n,
    });
    const projector = open();
    await projector.catchUp();

    expect(projector.database.prepare('SELECT status, last_revision, last_position FROM case_list').all()).toEqual([
      { status: 'submitted', last_revision: 1, last_position: last.position },
    ]);
    expect(projector.checkpoint('cases')).toBe(last.position);
  });

  describe('the §126.7 review flag', () => {
    /** Appends events to one case's stream, revision after revision. */
    const aCase = async (countries: string[], submittedAt: string) => {
      const id = randomUUID();
      const stream = `LicenceApplication-${id}`;
      let revision = -1;
      const append = async (type: string, data: Record<string, unknown>) => {
        const expectedRevision = revision < 0 ? ('no-stream' as const) : BigInt(revision);
        const { position } = await store.appendToStream(stream, [{ id: randomUUID(), type, data: { applicationId: id, ...data }, metadata: META }], {
          expectedRevision,
        });
        revision += 1;
        return position;
      };
      await append('LicenceApplicationSubmitted', submitted(id, countries, 'case-by-case', submittedAt).data);
      return { id, append };
    };
    const approve = async (c: Awaited<ReturnType<typeof aCase>>) => {
      await c.append('CaseAssigned', { officerId: 'officer-a', previousOfficerId: null });
      await c.append('LicenceApproved', { validUntil: '2030-11-28' });
    };
    const flagOf = (projector: SqliteProjector, id: string) =>
      projector.database.prepare<[string], { flagged_for_review: number }>('SELECT flagged_for_review FROM case_list WHERE application_id = ?').get(id)
        ?.flagged_for_review;
    const listed = (projector: SqliteProjector, filters: ApplicationFilters) =>
      listApplications(projector.database, new ListApplicationsQuery(filters, 50, null)).items.map((item) => [item.id, item.flaggedForReview]);

    it('is set by LicenceFlaggedForReview and cleared by a suspension or a revocation, as on the case', async () => {
      const suspended = await aCase(['KH'], '2026-11-01T00:00:00.000Z');
      const revoked = await aCase(['KH', 'DE'], '2026-11-02T00:00:00.000Z');
      const pending = await aCase(['KH'], '2026-11-03T00:00:00.000Z');
      for (const c of [suspended, revoked]) {
        await approve(c);
        await c.append('LicenceFlaggedForReview', flaggedData(c.id));
      }
      const projector = open();
      await projector.catchUp();

      expect([flagOf(projector, suspended.id), flagOf(projector, revoked.id), flagOf(projector, pending.id)]).toEqual([1, 1, 0]);
      expect(listed(projector, { flagged: true })).toEqual([
        [revoked.id, true],
        [suspended.id, true],
      ]);
      expect(listed(projector, { flagged: false })).toEqual([[pending.id, false]]);
      expect(listed(projector, { flagged: true, country: 'DE' })).toEqual([[revoked.id, true]]);

      await suspended.append('LicenceSuspended', { reason: 'r', suspendedAt: AT, suspendedBy: 's', authority: '22 CFR 126.7' });
      await revoked.append('LicenceRevoked', { reason: 'r', revokedAt: AT, revokedBy: 's', authority: '22 CFR 126.7' });
      await projector.catchUp();
      expect(listed(projector, { flagged: true })).toEqual([]);
      expect(projector.database.prepare('SELECT status, flagged_for_review FROM case_list ORDER BY submitted_at').all()).toEqual([
        { status: 'suspended', flagged_for_review: 0 },
        { status: 'revoked', flagged_for_review: 0 },
        { status: 'submitted', flagged_for_review: 0 },
      ]);

      // A suspended licence is still live: a later tightening flags it again, and only a new action clears it.
      await suspended.append('LicenceFlaggedForReview', flaggedData(suspended.id));
      await projector.catchUp();
      expect(listed(projector, { flagged: true })).toEqual([[suspended.id, true]]);
      expect(listed(projector, { flagged: true, status: 'suspended' })).toEqual([[suspended.id, true]]);
    });

    it('stays set through an expiry, which is no review (the case view keeps it too)', async () => {
      const c = await aCase(['KH'], '2026-11-01T00:00:00.000Z');
      await approve(c);
      await c.append('LicenceFlaggedForReview', flaggedData(c.id));
      await c.append('LicenceExpired', { validUntil: '2030-11-28', expiredOn: '2030-11-29', expiredAt: AT });
      const projector = open();
      await projector.catchUp();

      expect(projector.database.prepare('SELECT status, flagged_for_review FROM case_list').all()).toEqual([
        { status: 'expired', flagged_for_review: 1 },
      ]);
    });

    it('is not set twice, nor cleared, by a flag delivered again', async () => {
      const c = await aCase(['KH'], '2026-11-01T00:00:00.000Z');
      await approve(c);
      const flaggedAt = await c.append('LicenceFlaggedForReview', flaggedData(c.id));
      const projector = open();
      await projector.catchUp();
      const once = dumpProjection(projector.database, casesProjection);

      // The whole log again, with the checkpoint lost: every event is at or below the row's revision.
      projector.database.prepare('DELETE FROM projection_checkpoints').run();
      await projector.catchUp();
      expect(dumpProjection(projector.database, casesProjection)).toEqual(once);

      // The flag event applied again by hand, as a second process projecting into the same file would.
      const event = (await store.readAll({ limit: 100 })).find((e) => e.position === flaggedAt);
      projector.database.transaction(() => casesProjection.apply(projector.database, event!))();
      expect(dumpProjection(projector.database, casesProjection)).toEqual(once);
      expect(flagOf(projector, c.id)).toBe(1);

      // After a suspension, a late copy of the flag changes nothing either.
      await c.append('LicenceSuspended', { reason: 'r', suspendedAt: AT, suspendedBy: 's', authority: '22 CFR 126.7' });
      await projector.catchUp();
      projector.database.transaction(() => casesProjection.apply(projector.database, event!))();
      expect(flagOf(projector, c.id)).toBe(0);
    });

    it('migrates a file built before the flag existed (migration 1, with rows) and replays the log into it', async () => {
      const flagged = await aCase(['KH'], '2026-11-01T00:00:00.000Z');
      await approve(flagged);
      await flagged.append('LicenceFlaggedForReview', flaggedData(flagged.id));
      await appendHistory(store, 5, 20);

      // What the current build projects, in a file of its own.
      const current = SqliteProjector.open(join(dir, 'current.sqlite'), store, [casesProjection]);
      projectors.push(current);
      await current.catchUp();
      const expected = dumpProjection(current.database, casesProjection);

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
        expect(old.prepare('SELECT COUNT(*) AS n FROM case_list').get()).toEqual({ n: 21 });
        expect(old.prepare("SELECT COUNT(*) AS n FROM pragma_table_info('case_list') WHERE name = 'flagged_for_review'").get()).toEqual({ n: 0 });
      } finally {
        old.close();
      }

      const projector = open();
      expect(
        projector.database.prepare("SELECT version, name FROM projection_migrations WHERE projection = 'cases' ORDER BY version").all(),
      ).toEqual([
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
      expect(flagOf(projector, flagged.id)).toBe(1);
      expect(() =>
        projector.database.prepare('UPDATE case_list SET flagged_for_review = 2 WHERE application_id = ?').run(flagged.id),
      ).toThrow(/CHECK constraint failed/);
    });
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
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(
          fc.record({
            cases: fc.integer({ min: 1, max: 8 }),
            batchSize: fc.integer({ min: 1, max: 40 }),
            maxBatchRows: fc.integer({ min: 1, max: 60 }),
            maxReplayBatchRows: fc.integer({ min: 1, max: 60 }),
            process: fc.integer({ min: 0, max: 1 }),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        async (seed, rounds) => {
          run += 1;
          const history = new InMemoryEventStore();
          const file = join(dir, `property-${run}.sqlite`);
          // Two "processes" project into the same file, each with its own batch sizes.
          const processes: Array<SqliteProjector | undefined> = [undefined, undefined];
          const models: ModelCase[] = [];
          try {
            for (const [index, round] of rounds.entries()) {
              await appendHistory(history, seed + index, round.cases, models);
              await processes[round.process]?.close();
              processes[round.process] = SqliteProjector.open(file, history, [casesProjection], round);
              await processes[round.process]!.catchUp();
            }
            const live = processes[rounds.at(-1)!.process]!;
            const projected = dumpProjection(live.database, casesProjection);
            expect(projected.case_list).toHaveLength(models.length);
            const { officer_workload, dashboard_counts, case_totals, licence_expiry } = projected;
            expect({ officer_workload, dashboard_counts, case_totals, licence_expiry }).toEqual(recount(live));

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
    // Over the in-memory store whatever the suite's: 26 000 appends one by one would take minutes with fsyncs.
    const history = new InMemoryEventStore();
    const models = await appendHistory(history, 17, 5_200);
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
    const referred = models.filter((m) => m.status === 'referred').length;
    expect(listApplications(live.database, new ListApplicationsQuery({ status: 'referred' }, 200, null)).items.length).toBe(Math.min(200, referred));
  }, 60_000);
});
