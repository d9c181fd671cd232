import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dumpProjection, InMemoryEventStore, SqliteEventStore, SqliteProjector, type EventStore } from '@app/infra';
import { dueExpiries } from '../expiry-schedule/expiry-schedule.read-model';
import { readDashboard } from '../get-dashboard/get-dashboard.handler';
import { readOfficerWorkload } from '../get-officer-workload/get-officer-workload.handler';
import { casesProjection } from './cases.projection';

const META = { actor: 'test', correlationId: 'corr', causationId: null, schemaVersion: 1 };

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
      return { type: 'LicenceSuspended', data: { ...base, reason: 'r', suspendedAt: at, suspendedBy: 's', authority: '126.7' } };
    });
  }
  if (c.status === 'approved' || c.status === 'suspended') {
    options.push(() => {
      c.status = 'revoked';
      return { type: 'LicenceRevoked', data: { ...base, reason: 'r', revokedAt: at, revokedBy: 's', authority: '126.7' } };
    });
    options.push(() => {
      c.status = 'expired';
      return { type: 'LicenceExpired', data: { ...base, validUntil: c.validUntil, expiredOn: '2030-01-02', expiredAt: at } };
    });
    // A type the read models do not know: it moves the revision, nothing else.
    options.push(() => ({ type: 'LicenceFlaggedForReview', data: { ...base } }));
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
    models.push({ id, status: 'submitted', track, assignee: null, countries: [...picked].sort(), validUntil: null, outstanding: [], revision: 0 });
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
      .prepare<[], { application_id: string; status: string; review_track: string; assignee: string | null; valid_until: string | null; last_revision: number }>(
        'SELECT application_id, status, review_track, assignee, valid_until, last_revision FROM case_list ORDER BY application_id',
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
});
