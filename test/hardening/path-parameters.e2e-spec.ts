import { startTestApp, stopTestApp, type TestApp } from '../support/test-app';
import { ROLES } from '../../apps/api/src/shared/auth/roles';

/**
 * A control character in a path parameter is refused with 400 before any store sees it: no id holds one, and
 * PostgreSQL cannot compare text holding NUL (found by the fuzz suite on the PostgreSQL pass, as a 500).
 */
describe('path parameters with control characters', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-29T09:00:00.000Z' });
  });
  afterAll(() => stopTestApp(t));

  it.each([
    ['GET', '/applications/%00'],
    ['GET', '/applications/a%1Fb/history'],
    ['GET', '/countries/%00'],
    ['POST', '/subscriptions/%00/resume'],
    ['DELETE', '/subscriptions/%7F'],
  ])('%s %s answers 400 VALIDATION_FAILED and appends nothing', async (method, path) => {
    const before = await t.lastPosition();
    const bearer = t.token([...ROLES], 'everyone-1');
    const call = method === 'GET' ? t.http.get(path) : method === 'POST' ? t.http.post(path) : t.http.delete(path);
    const response = await call.set('Authorization', `Bearer ${bearer}`);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(JSON.stringify(response.body.errors)).toContain('must not contain control characters');
    expect(await t.lastPosition()).toBe(before);
  });
});
