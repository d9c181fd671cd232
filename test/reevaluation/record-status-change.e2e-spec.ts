import { randomUUID } from 'node:crypto';
import { REEVALUATION_CATEGORY } from '@app/domain';
import { streamCategory, type EventStore, type Position, type RecordedEvent } from '@app/infra';
import { reevaluationIdFor } from '../../apps/api/src/reevaluation/reevaluation-ids';
import { EVENT_STORE } from '../../apps/api/src/shared/event-store/event-store.providers';
import { removeDir, startTestApp, stopTestApp, type TestApp } from '../support/test-app';
import { loseRecordedAnswers } from '../support/test-idempotency-store';

// The test clock's today. Cambodia (KH) was removed on 2025-11-07 (its seed version 3); Ethiopia (ET) is in Table 2
// under ¶(n); Cyprus (CY) is in its FY2026 suspension until 2026-09-30; Nicaragua's (NI) latest change is effective
// 2024-03-15; Zimbabwe (ZW) is in Table 2. Each test below records changes for a country no other test in this file relies on.
const NOW = '2025-11-10T12:00:00.000Z';
const TODAY = '2025-11-10';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Cambodia re-listed in Table 2 with paragraph (o), effective today: a valid body to vary. */
function aRelisting(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    status: 'denial-with-exceptions',
    paragraph: '(o)',
    exceptions: ['conventional-weapons-destruction', 'humanitarian-demining'],
    citation: {
      frDocument: '2025-20001',
      publishedOn: TODAY,
      title: 'International Traffic in Arms Regulations: Cambodia',
    },
    effectiveOn: TODAY,
    reason: 'Cambodia re-inserted in Table 2; paragraph (o) as before.',
    ...overrides,
  };
}

function storeOf(t: TestApp): EventStore {
  return t.app.get<EventStore>(EVENT_STORE);
}

/**
 * The events appended to the log after `position`, leaving out the re-evaluation runs' own streams: the process
 * manager appends those in the background on its own schedule, whatever this request did.
 */
async function appendedSince(t: TestApp, position: string | null): Promise<RecordedEvent[]> {
  const events = await storeOf(t).readAll({ ...(position ? { after: position as Position } : {}), limit: 10_000 });
  return events.filter((event) => streamCategory(event.streamName) !== REEVALUATION_CATEGORY);
}

describe('POST /countries/:cc/status-changes', () => {
  let t: TestApp;
  let admin: string;
  let officer: string;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    admin = t.token(['policy-admin'], 'policy-admin-1');
    officer = t.token(['case-officer'], 'officer-1');
  });
  afterAll(() => stopTestApp(t));

  const record = (cc: string, body: object, token: string | null = admin) => {
    const call = t.http.post(`/countries/${cc}/status-changes`);
    return token === null ? call.send(body) : call.set('Authorization', `Bearer ${token}`).send(body);
  };
  const country = (cc: string, asOf?: string) =>
    t.http
      .get(`/countries/${cc}${asOf ? `?asOf=${asOf}` : ''}`)
      .set('Authorization', `Bearer ${officer}`)
      .expect(200);

  it('answers 202 with the change and the run it schedules, and Location names the run', async () => {
    const response = await record('KH', aRelisting()).set('X-Correlation-Id', 'policy-kh-relisting').expect(202);

    const changeId = response.body.changeId as string;
    expect(changeId).toMatch(UUID);
    expect(response.body).toEqual({
      changeId,
      reevaluationId: reevaluationIdFor(changeId),
      countryCode: 'KH',
      // After Cambodia's seeded history and its correction (the withdrawn 2025 re-insertion).
      policyVersion: 5,
      from: 'not-listed',
      to: 'denial-with-exceptions',
      effectiveOn: TODAY,
      recordedAt: NOW,
      reevaluationStatus: 'scheduled',
    });
    expect(response.headers.location).toBe(`/reevaluations/${reevaluationIdFor(changeId)}`);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
  });

  it('appends one CountryStatusChanged with the next policy version, from/to, citation, dates, reason and actor', async () => {
    const earlier = await storeOf(t).readStream('CountryPolicy-ET');
    const response = await record('ET', {
      status: 'denial-with-exceptions',
      paragraph: '(n)',
      exceptions: ['non-lethal-humanitarian'],
      citation: {
        frDocument: '2025-20010',
        publishedOn: '2025-11-07',
        frCitation: '90 FR 50500',
        title: 'International Traffic in Arms Regulations: Ethiopia',
        notes: 'RIN 1400-AF99',
      },
      effectiveOn: TODAY,
      announcedOn: '2025-11-05',
      reason: '  Paragraph (n) amended: non-lethal humanitarian exports reviewed case by case.  ',
    })
      .set('X-Correlation-Id', 'policy-et-amendment')
      .expect(202);
    const { changeId, policyVersion } = response.body as { changeId: string; policyVersion: number };
    expect(policyVersion).toBe(earlier.length + 1);

    const events = await storeOf(t).readStream('CountryPolicy-ET');
    expect(events).toHaveLength(earlier.length + 1);
    expect(events.at(-1)).toMatchObject({
      id: changeId,
      type: 'CountryStatusChanged',
      revision: BigInt(earlier.length),
      metadata: { actor: 'policy-admin-1', correlationId: 'policy-et-amendment', causationId: null },
      recordedAt: NOW,
    });
    expect(events.at(-1)!.data).toEqual({
      countryCode: 'ET',
      // Not in the body: the name already recorded for the country.
      countryName: 'Ethiopia',
      policyVersion,
      from: 'denial-with-exceptions',
      to: 'denial-with-exceptions',
      paragraph: '(n)',
      exceptions: ['non-lethal-humanitarian'],
      suspendedUntil: null,
      statusAfterSuspension: null,
      citation: {
        frCitation: '90 FR 50500',
        frDocument: '2025-20010',
        publishedOn: '2025-11-07',
        title: 'International Traffic in Arms Regulations: Ethiopia',
        notes: 'RIN 1400-AF99',
      },
      effectiveOn: TODAY,
      announcedOn: '2025-11-05',
      reason: 'Paragraph (n) amended: non-lethal humanitarian exports reviewed case by case.',
      unconfirmed: [],
      exceptionsRemoved: [],
      correction: null,
    });

    // The register shows it right after the answer, recorded by the administrator.
    const et = await country('ET');
    expect(et.body).toMatchObject({
      status: 'denial-with-exceptions',
      paragraph: '(n)',
      exceptions: ['non-lethal-humanitarian'],
      policyVersion,
      pending: [],
    });
    expect(et.body.history.at(-1)).toMatchObject({
      changeId,
      policyVersion,
      effectiveOn: TODAY,
      announcedOn: '2025-11-05',
      citation: { frDocument: '2025-20010', publishedOn: '2025-11-07' },
      recordedAt: NOW,
      recordedBy: 'policy-admin-1',
    });
  });

  it('accepts a lower-case code, and names a country never recorded by its English name', async () => {
    const response = await record('mz', {
      status: 'denial',
      citation: { frDocument: '2025-20002', publishedOn: TODAY },
      effectiveOn: TODAY,
      reason: 'Mozambique added to Table 1.',
    }).expect(202);
    expect(response.body).toMatchObject({ countryCode: 'MZ', policyVersion: 1, from: 'not-listed', to: 'denial' });

    const mz = await country('MZ');
    expect(mz.body).toMatchObject({ countryCode: 'MZ', countryName: 'Mozambique', status: 'denial', table: 1 });
  });

  it('keeps a change effective in the future pending: today answers the old status, its effective date the new one', async () => {
    const response = await record('ZW', {
      status: 'not-listed',
      citation: { frDocument: '2025-20003', publishedOn: TODAY, frCitation: '90 FR 51000' },
      effectiveOn: '2026-01-15',
      reason: 'Zimbabwe removed from §126.1 from 15 January 2026.',
    }).expect(202);
    expect(response.body).toMatchObject({
      countryCode: 'ZW',
      from: 'denial-with-exceptions',
      to: 'not-listed',
      effectiveOn: '2026-01-15',
      reevaluationStatus: 'scheduled',
    });

    const today = await country('ZW');
    expect(today.body).toMatchObject({ asOf: TODAY, status: 'denial-with-exceptions', table: 2 });
    expect(today.body.pending).toEqual([
      expect.objectContaining({
        changeId: response.body.changeId,
        policyVersion: response.body.policyVersion,
        from: 'denial-with-exceptions',
        to: 'not-listed',
        effectiveOn: '2026-01-15',
        recordedBy: 'policy-admin-1',
      }),
    ]);
    const dayBefore = await country('ZW', '2026-01-14');
    expect(dayBefore.body).toMatchObject({ status: 'denial-with-exceptions' });
    const inForce = await country('ZW', '2026-01-15');
    expect(inForce.body).toMatchObject({ status: 'not-listed', table: null, policyVersion: response.body.policyVersion, pending: [] });
  });

  it('records the renewal of a suspension of the policy of denial (Cyprus FY2027)', async () => {
    const response = await record('CY', {
      status: 'not-listed',
      paragraph: '(r)',
      suspendedUntil: '2027-09-30',
      statusAfterSuspension: 'denial-with-exceptions',
      citation: { frDocument: '2026-17001', publishedOn: '2025-11-10' },
      effectiveOn: '2026-10-01',
      reason: 'Suspension of the policy of denial renewed for FY2027 (2026-10-01 to 2027-09-30).',
    }).expect(202);
    // The renewal takes over the day after the FY2026 suspension's last day, so Cyprus is never back in Table 2.
    expect(response.body).toMatchObject({ from: 'not-listed', to: 'not-listed', effectiveOn: '2026-10-01' });

    const renewed = await country('CY', '2026-10-01');
    expect(renewed.body).toMatchObject({ status: 'not-listed', suspended: true, suspendedUntil: '2027-09-30' });
    const lastDay = await country('CY', '2026-09-30');
    expect(lastDay.body).toMatchObject({ status: 'not-listed', suspended: true, suspendedUntil: '2026-09-30' });
    const lapsed = await country('CY', '2027-10-01');
    expect(lapsed.body).toMatchObject({ status: 'denial-with-exceptions', suspended: false });
  });

  describe('refuses, appending nothing', () => {
    const refusals: Array<[string, string, object, number, string, string]> = [
      ['a citation without its FR document number', 'LA', aRelisting({ citation: { publishedOn: TODAY } }), 400, 'VALIDATION_FAILED', 'citation.frDocument'],
      ['a citation without its publication date', 'LA', aRelisting({ citation: { frDocument: '2025-20001' } }), 400, 'VALIDATION_FAILED', 'citation.publishedOn'],
      ['no citation', 'LA', aRelisting({ citation: undefined }), 400, 'VALIDATION_FAILED', 'citation'],
      ['an FR document number that is not one', 'LA', aRelisting({ citation: { frDocument: 'see the rule', publishedOn: TODAY } }), 400, 'VALIDATION_FAILED', 'citation.frDocument'],
      ['an impossible effective date', 'LA', aRelisting({ effectiveOn: '2025-02-30' }), 400, 'VALIDATION_FAILED', 'effectiveOn'],
      ['a publication date not in YYYY-MM-DD', 'LA', aRelisting({ citation: { frDocument: '2025-20001', publishedOn: '11/10/2025' } }), 400, 'VALIDATION_FAILED', 'citation.publishedOn'],
      ['exceptions on a denial (Table 1) entry', 'LA', aRelisting({ status: 'denial', paragraph: undefined }), 400, 'INVALID_STATUS_CHANGE', 'exceptions'],
      ['an exception code outside the vocabulary', 'LA', aRelisting({ exceptions: ['sporting-arms'] }), 400, 'VALIDATION_FAILED', 'exceptions'],
      ['a denial-with-exceptions entry without its paragraph', 'LA', aRelisting({ paragraph: undefined }), 400, 'INVALID_STATUS_CHANGE', 'paragraph'],
      ['a paragraph that is not a §126.1 paragraph', 'LA', aRelisting({ paragraph: 'o' }), 400, 'INVALID_STATUS_CHANGE', 'paragraph'],
      ['a suspension on a listed status', 'LA', aRelisting({ suspendedUntil: '2026-09-30', statusAfterSuspension: 'denial' }), 400, 'INVALID_STATUS_CHANGE', 'suspendedUntil'],
      ['an unknown status', 'LA', aRelisting({ status: 'listed' }), 400, 'VALIDATION_FAILED', 'status'],
      ['no reason', 'LA', aRelisting({ reason: undefined }), 400, 'VALIDATION_FAILED', 'reason'],
      ['a blank reason', 'LA', aRelisting({ reason: '   ' }), 400, 'VALIDATION_FAILED', 'reason'],
      ['an unknown property', 'LA', aRelisting({ effectiveFrom: TODAY }), 400, 'VALIDATION_FAILED', 'effectiveFrom'],
      ['a code that is not ISO 3166-1 alpha-2', 'XX', aRelisting(), 400, 'VALIDATION_FAILED', 'cc'],
      ['a three-letter code', 'KHM', aRelisting(), 400, 'VALIDATION_FAILED', 'cc'],
      ['the United States', 'US', aRelisting(), 400, 'INVALID_STATUS_CHANGE', 'countryCode'],
      // Nicaragua's latest change is effective 2024-03-15.
      ['a change effective before the latest recorded one', 'NI', aRelisting({ paragraph: '(p)', exceptions: [], effectiveOn: '2024-01-01' }), 409, 'OUT_OF_ORDER_CHANGE', ''],
    ];

    it.each(refusals)('%s (%s)', async (_case, cc, body, status, code, field) => {
      const before = await t.lastPosition();

      const response = await record(cc, body).expect(status);

      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status, code });
      if (field !== '') {
        expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      }
      expect(await appendedSince(t, before)).toEqual([]);
    });

    it('401 without a token and 403 for a case officer', async () => {
      const before = await t.lastPosition();

      const anonymous = await record('LA', aRelisting(), null).expect(401);
      expect(anonymous.body.code).toBe('UNAUTHENTICATED');
      const forbidden = await record('LA', aRelisting(), officer).expect(403);
      expect(forbidden.body.code).toBe('FORBIDDEN');

      expect(await appendedSince(t, before)).toEqual([]);
      expect((await country('LA')).body.history).toEqual([]);
    });
  });

  it('answers a retry under the same Idempotency-Key with the first answer, marked replayed, and appends nothing', async () => {
    const key = randomUUID();
    const body = {
      status: 'denial',
      citation: { frDocument: '2025-20004', publishedOn: TODAY },
      effectiveOn: TODAY,
      reason: 'Chad added to Table 1.',
    };
    const first = await record('TD', body).set('Idempotency-Key', key).expect(202);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const before = await t.lastPosition();

    const retry = await record('TD', body).set('Idempotency-Key', key).expect(202);

    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.location).toBe(first.headers.location);
    expect(await appendedSince(t, before)).toEqual([]);
    expect(await storeOf(t).readStream('CountryPolicy-TD')).toHaveLength(1);
  });

  it('documents the route in OpenAPI: 202 with its typed answer, the refusals and Idempotency-Key', async () => {
    const docs = await t.http.get('/docs-json').expect(200);
    const operation = docs.body.paths['/countries/{cc}/status-changes'].post;

    expect(operation.tags).toEqual(['countries']);
    expect(operation.description).toContain('scheduled');
    expect(operation.responses['202'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/RecordStatusChangeResponse',
    });
    expect(operation.responses['202'].headers).toHaveProperty('Location');
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['400', '401', '403', '409', '422']));
    expect(operation.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['cc', 'Idempotency-Key', 'X-Correlation-Id']),
    );
    const citation = docs.body.components.schemas.StatusChangeCitationRequest;
    expect(citation.required).toEqual(expect.arrayContaining(['frDocument', 'publishedOn']));
  });
});

describe('POST /countries/:cc/status-changes when the stored answer to an Idempotency-Key is lost', () => {
  it('a retry finds the change it recorded (its id derives from the key) and answers it again without appending', async () => {
    const first = await startTestApp({ now: NOW });
    const admin = first.token(['policy-admin'], 'policy-admin-1');
    const body = {
      status: 'denial',
      citation: { frDocument: '2025-20005', publishedOn: TODAY },
      effectiveOn: '2026-02-01',
      reason: 'Burundi added to Table 1.',
    };
    const recorded = await first.http
      .post('/countries/BI/status-changes')
      .set('Authorization', `Bearer ${admin}`)
      .set('Idempotency-Key', 'policy-change-0001')
      .send(body)
      .expect(202);
    const position = await first.lastPosition();
    await first.close();

    // The crash window: the change was appended but its response was never recorded.
    await loseRecordedAnswers(first.dataDir);

    const second = await startTestApp({ dataDir: first.dataDir, now: '2025-11-10T12:05:00.000Z' });
    try {
      const retry = await second.http
        .post('/countries/BI/status-changes')
        .set('Authorization', `Bearer ${admin}`)
        .set('Idempotency-Key', 'policy-change-0001')
        .send(body)
        .expect(202);

      expect(retry.headers['idempotent-replayed']).toBeUndefined();
      expect(retry.body).toEqual(recorded.body);
      expect(retry.headers.location).toBe(recorded.headers.location);
      expect(await appendedSince(second, position)).toEqual([]);
      expect(await storeOf(second).readStream('CountryPolicy-BI')).toHaveLength(1);
    } finally {
      await second.close();
      removeDir(first.dataDir);
    }
    // Two start-ups of the application.
  }, 30_000);
});
