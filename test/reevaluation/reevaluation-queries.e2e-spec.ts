import { randomUUID } from 'node:crypto';
import { addDays } from '@app/domain';
import { reevaluationIdFor } from '../../apps/api/src/reevaluation/reevaluation-ids';
import { startTestApp, stopTestApp, type TestApp } from '../support/test-app';

/*
 * The seed records every §126.1 change at start-up, so each one has scheduled its run (and each Cyprus suspension
 * the run of its lapse). Whether the process manager has already run them is not this suite's business: it checks
 * only what the projection sets when a change is recorded.
 */

const STATUSES = ['scheduled', 'running', 'completed', 'cancelled'];

interface Change {
  changeId: string;
  policyVersion: number;
  from: string;
  to: string;
  effectiveOn: string;
  suspendedUntil: string | null;
  statusAfterSuspension: string | null;
  citation: Record<string, unknown>;
  recordedAt: string;
}

interface Run {
  id: string;
  status: string;
  kind: string;
  trigger: { policyEventId: string; countryCode: string; policyVersion: number; effectiveOn: string };
  scheduledFor: string;
}

describe('GET /reevaluations (the runs of the seeded §126.1 changes)', () => {
  let t: TestApp;
  let officer: string;
  let cambodia: Change[];
  let cyprus: Change[];

  const get = (url: string, auth = officer) => t.http.get(url).set('Authorization', auth);

  beforeAll(async () => {
    t = await startTestApp();
    officer = `Bearer ${t.token(['case-officer'])}`;
    cambodia = (await get('/countries/KH').expect(200)).body.history;
    cyprus = (await get('/countries/CY').expect(200)).body.history;
  });
  afterAll(() => stopTestApp(t));

  it("answers a run by its id: the trigger is Cambodia's 2025 removal, due the day it came into force", async () => {
    const removal = cambodia.find((change) => change.effectiveOn === '2025-11-07')!;
    const id = reevaluationIdFor(removal.changeId);

    const response = await get(`/reevaluations/${id}`).expect(200);

    expect(response.body).toMatchObject({
      id,
      kind: 'status-change',
      trigger: {
        policyEventId: removal.changeId,
        countryCode: 'KH',
        policyVersion: removal.policyVersion,
        from: 'denial-with-exceptions',
        to: 'not-listed',
        citation: removal.citation,
        effectiveOn: '2025-11-07',
        exceptionsRemoved: [],
        correction: false,
      },
      scheduledFor: '2025-11-07',
      recordedAt: removal.recordedAt,
    });
    expect(STATUSES).toContain(response.body.status);
    expect(response.body.trigger.citation).toMatchObject({ frDocument: '2025-19822', publishedOn: '2025-11-07' });
    for (const counter of ['total', 'processed', 'changed', 'revised', 'unchanged', 'flagged', 'notAffected', 'caughtLate']) {
      expect(response.body[counter]).toEqual(expect.any(Number));
    }
    expect(Object.keys(response.body).sort()).toEqual(
      [
        'id', 'status', 'kind', 'trigger', 'scheduledFor', 'total', 'processed', 'changed', 'revised', 'unchanged', 'flagged', 'notAffected',
        'caughtLate', 'recordedAt', 'startedAt', 'completedAt', 'updatedAt',
      ].sort(),
    );
    // Every reader role may look; the id is case-insensitive.
    for (const role of ['supervisor', 'policy-admin', 'auditor'] as const) {
      await get(`/reevaluations/${id.toUpperCase()}`, `Bearer ${t.token([role])}`).expect(200);
    }
  });

  it("answers a suspension's lapse as its own run, due the day after the suspension ends", async () => {
    const fy2026 = cyprus.find((change) => change.suspendedUntil === '2026-09-30')!;
    const id = reevaluationIdFor(fy2026.changeId, 'suspension-lapse');

    const response = await get(`/reevaluations/${id}`).expect(200);

    expect(response.body).toMatchObject({
      id,
      kind: 'suspension-lapse',
      trigger: { policyEventId: fy2026.changeId, countryCode: 'CY', from: 'not-listed', to: fy2026.statusAfterSuspension, effectiveOn: '2026-10-01' },
      scheduledFor: '2026-10-01',
    });
  });

  it('lists the runs of one country, newest first', async () => {
    const response = await get('/reevaluations?country=kh').expect(200);

    expect(response.body.nextCursor).toBeNull();
    const runs = response.body.items as Run[];
    expect(runs.map((run) => run.id)).toEqual([...cambodia].reverse().map((change) => reevaluationIdFor(change.changeId)));
    // Version 4 is the register's correction withdrawing the editorial 2025 re-insertion: it has its run too.
    expect(runs.map((run) => [run.trigger.countryCode, run.kind, run.trigger.policyVersion])).toEqual([
      ['KH', 'status-change', 4],
      ['KH', 'status-change', 3],
      ['KH', 'status-change', 2],
      ['KH', 'status-change', 1],
    ]);

    // Cyprus: a run per change and one per suspension's lapse.
    const cy = (await get('/reevaluations?country=CY&limit=200').expect(200)).body.items as Run[];
    const suspensions = cyprus.filter((change) => change.suspendedUntil !== null);
    expect(cy.filter((run) => run.kind === 'status-change')).toHaveLength(cyprus.length);
    expect(cy.filter((run) => run.kind === 'suspension-lapse').map((run) => run.scheduledFor).sort()).toEqual(
      suspensions.map((change) => addDays(change.suspendedUntil!, 1)).sort(),
    );
  });

  it('pages through every run with the cursor, without repeating or skipping one', async () => {
    const all = (await get('/reevaluations?limit=200').expect(200)).body;
    expect(all.nextCursor).toBeNull();
    // More than one default page: the seed holds every §126.1 change since 1993.
    expect(all.items.length).toBeGreaterThan(50);
    const firstPage = (await get('/reevaluations').expect(200)).body;
    expect(firstPage.items).toHaveLength(50);
    expect(firstPage.nextCursor).toEqual(expect.any(String));

    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${cursor}`;
      const page = (await get(`/reevaluations?limit=7${query}`).expect(200)).body;
      expect(page.items.length).toBeLessThanOrEqual(7);
      paged.push(...page.items.map((run: Run) => run.id));
      cursor = page.nextCursor;
    } while (cursor !== null);

    expect(paged).toEqual(all.items.map((run: Run) => run.id));
    expect(new Set(paged).size).toBe(paged.length);
  });

  it('filters by status', async () => {
    // Superseded Cyprus lapses are cancelled by the projection itself, whatever the process manager does.
    const cancelled = (await get('/reevaluations?status=cancelled&country=CY').expect(200)).body.items as Run[];
    expect(cancelled.length).toBeGreaterThan(0);
    expect(cancelled.every((run) => run.status === 'cancelled' && run.kind === 'suspension-lapse')).toBe(true);
    const scheduled = (await get('/reevaluations?status=scheduled&limit=200').expect(200)).body.items as Run[];
    expect(scheduled.every((run) => run.status === 'scheduled')).toBe(true);
  });

  it('lists the cases a run accounted for', async () => {
    const removal = cambodia.find((change) => change.effectiveOn === '2025-11-07')!;
    const id = reevaluationIdFor(removal.changeId);

    const response = await get(`/reevaluations/${id}/cases?outcome=unchanged&limit=10`, `Bearer ${t.token(['auditor'])}`).expect(200);

    expect(response.body).toEqual({ items: expect.any(Array), nextCursor: null });
    await get(`/reevaluations/${id}/cases?outcome=bogus`).expect(400);
    const badCursor = await get(`/reevaluations/${id}/cases?cursor=not-a-cursor`).expect(400);
    expect(badCursor.body.code).toBe('INVALID_CURSOR');
  });

  it('answers 404 REEVALUATION_NOT_FOUND for an unknown or malformed run id', async () => {
    for (const id of [randomUUID(), 'not-a-uuid']) {
      const response = await get(`/reevaluations/${id}`).expect(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({ status: 404, code: 'REEVALUATION_NOT_FOUND' });
      const cases = await get(`/reevaluations/${id}/cases`).expect(404);
      expect(cases.body.code).toBe('REEVALUATION_NOT_FOUND');
    }
  });

  it('refuses bad filters and cursors it did not issue', async () => {
    for (const query of ['status=bogus', 'country=XX', 'limit=0', 'limit=201', 'limit=abc', 'assignee=officer-1']) {
      const response = await get(`/reevaluations?${query}`).expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
    // Not base64url, not JSON, another list's cursor (GET /applications' shape, the cases list's), a bad position.
    const foreign = [
      '!!!',
      Buffer.from('nope').toString('base64url'),
      Buffer.from(JSON.stringify(['2025-11-10T12:00:00.000Z', randomUUID()])).toString('base64url'),
      Buffer.from(JSON.stringify(['cases', randomUUID()])).toString('base64url'),
      Buffer.from(JSON.stringify(['runs', 0])).toString('base64url'),
    ];
    for (const cursor of foreign) {
      const response = await get(`/reevaluations?cursor=${encodeURIComponent(cursor)}`).expect(400);
      expect(response.body.code).toBe('INVALID_CURSOR');
    }
  });

  it('needs a token (401) with a reader role (403)', async () => {
    const id = reevaluationIdFor(cambodia[0]!.changeId);
    for (const url of ['/reevaluations', `/reevaluations/${id}`, `/reevaluations/${id}/cases`]) {
      const anonymous = await t.http.get(url).expect(401);
      expect(anonymous.body.code).toBe('UNAUTHENTICATED');
      for (const role of ['intake', 'subscriber'] as const) {
        const forbidden = await get(url, `Bearer ${t.token([role])}`).expect(403);
        expect(forbidden.body.code).toBe('FORBIDDEN');
      }
    }
  });

  it('documents the three routes in the OpenAPI description', async () => {
    const docs = (await t.http.get('/docs-json').expect(200)).body;
    expect(docs.paths['/reevaluations/{id}'].get.responses['200'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/ReevaluationRunResponse',
    );
    expect(Object.keys(docs.paths['/reevaluations/{id}'].get.responses)).toEqual(expect.arrayContaining(['200', '401', '403', '404']));
    expect(docs.paths['/reevaluations'].get.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['country', 'cursor', 'limit', 'status']);
    expect(docs.paths['/reevaluations/{id}/cases'].get.responses['404']).toBeDefined();
    expect(docs.components.schemas.ReevaluationRunResponse.properties.status.enum).toEqual(STATUSES);
    expect(docs.components.schemas.ReevaluatedCaseResponse.properties.outcome.enum).toEqual(['changed', 'revised', 'unchanged', 'flagged', 'not-affected']);
  });
});

