import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { anAssignedCase, FRANCE_END_USER, historyTypes, officeTokens, postOnCase, type OfficeTokens } from '../support/case-actions';
import { startTestApp, stopTestApp, type TestApp } from '../support/test-app';

const DECISIONS = new Set(['LicenceApproved', 'LicenceDenied', 'ApplicationReturnedWithoutAction', 'ApplicationWithdrawn']);

describe('concurrent commands on one case', () => {
  let t: TestApp;
  let tokens: OfficeTokens;
  let baseUrl: string;
  let decider: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-29T09:00:00.000Z' });
    tokens = officeTokens(t);
    decider = t.token(['case-officer', 'supervisor'], 'officer-1');
    // A listening server, so 200 requests really run concurrently over sockets.
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => stopTestApp(t));

  const decide = (id: string, index: number, ifMatch?: string) => {
    const [path, body] = index % 2 === 0 ? ['approve', { provisos: [`proviso ${index}`] }] : ['deny', { reason: `reason ${index}` }];
    const call = request(baseUrl).post(`/applications/${id}/${path}`).set('Authorization', `Bearer ${decider}`);
    return (ifMatch === undefined ? call : call.set('If-Match', ifMatch)).send(body);
  };

  it('200 conflicting decisions without If-Match: exactly one wins and the history holds exactly one decision', async () => {
    const id = await anAssignedCase(t, tokens, FRANCE_END_USER);

    const responses = await Promise.all(Array.from({ length: 200 }, (_, index) => decide(id, index)));

    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(199);
    const codes = new Set(responses.filter((r) => r.status === 409).map((r) => r.body.code as string));
    expect([...codes].every((code) => code === 'CASE_ALREADY_DECIDED' || code === 'CONCURRENCY_CONFLICT')).toBe(true);
    const types = await historyTypes(t, tokens, id);
    expect(types.filter((type) => DECISIONS.has(type))).toHaveLength(1);
    expect(types).toHaveLength(3);
  });

  it('200 conflicting decisions with the same If-Match: one wins, the rest get 412 and append nothing', async () => {
    const id = await anAssignedCase(t, tokens, FRANCE_END_USER);

    const responses = await Promise.all(Array.from({ length: 200 }, (_, index) => decide(id, index, '"1"')));

    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 412)).toHaveLength(199);
    const loser = responses.find((response) => response.status === 412)!;
    expect(loser.body).toMatchObject({ code: 'PRECONDITION_FAILED', status: 412 });
    expect(loser.headers['content-type']).toContain('application/problem+json');
    expect((await historyTypes(t, tokens, id)).filter((type) => DECISIONS.has(type))).toHaveLength(1);
  });

  it('a stale If-Match answers 412 with the current ETag; the current one succeeds; a malformed one is a 400', async () => {
    const id = await anAssignedCase(t, tokens, FRANCE_END_USER);
    const before = await t.lastPosition();

    const stale = await postOnCase(t, tokens.officer, id, 'referrals', { agency: 'DTSA' }, '"0"').expect(412);
    expect(stale.body.code).toBe('PRECONDITION_FAILED');
    expect(stale.headers.etag).toBe('"1"');
    expect(await t.lastPosition()).toBe(before);

    const malformed = await postOnCase(t, tokens.officer, id, 'referrals', { agency: 'DTSA' }, 'revision-one').expect(400);
    expect(malformed.body.code).toBe('INVALID_IF_MATCH');
    expect(await t.lastPosition()).toBe(before);

    const current = await postOnCase(t, tokens.officer, id, 'referrals', { agency: 'DTSA' }, '"1"').expect(200);
    expect(current.headers.etag).toBe('"2"');
    await postOnCase(t, tokens.officer, id, 'referrals', { agency: 'STATE-DRL' }, '2').expect(200);
  });
});
