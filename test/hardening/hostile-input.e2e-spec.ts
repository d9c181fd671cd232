import { gzipSync } from 'node:zlib';
import { anAssignedCase, officeTokens, submitCase, type OfficeTokens } from '../support/case-actions';
import { declaredRoutes, concretePath } from '../support/routes';
import { anApplication, startTestApp, stopTestApp, type TestApp } from '../support/test-app';

/**
 * Input a hostile or clumsy client sends: each answers a small 4xx problem, never a 5xx, and appends nothing.
 * Costs are checked through what they produce (error lists capped at 20, small bodies); the time bound is a
 * loose guard against a quadratic check coming back (it took seconds before), not a benchmark.
 */
describe('hostile input', () => {
  let t: TestApp;
  let tokens: OfficeTokens;
  let everyone: string;

  beforeAll(async () => {
    t = await startTestApp();
    tokens = officeTokens(t);
    everyone = t.token(['intake', 'case-officer', 'supervisor', 'policy-admin', 'auditor', 'subscriber'], 'root-1');
  });
  afterAll(() => stopTestApp(t));

  const postRoutes = () => declaredRoutes(t.app).filter((route) => route.method === 'POST');

  async function expectRefused(call: () => PromiseLike<{ status: number; headers: Record<string, string>; body: unknown; text: string }>, status: number, code: string) {
    const before = await t.lastPosition();
    const started = Date.now();
    const response = await call();
    const elapsed = Date.now() - started;
    expect({ status: response.status, code: (response.body as { code?: string }).code }).toEqual({ status, code });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.text.length).toBeLessThan(8000);
    expect(elapsed).toBeLessThan(2000);
    expect(await t.lastPosition()).toBe(before);
    return response.body as { errors?: Array<{ field: string; message: string }>; detail?: string };
  }

  const postJson = (path: string, json: string, token = everyone) =>
    t.http.post(path).set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json').send(json);

  describe('a body that is not JSON', () => {
    it('finds the POST routes to check in the controllers', () => {
      expect(postRoutes().map((route) => route.path)).toEqual(
        expect.arrayContaining(['/applications', '/applications/:id/approve', '/countries/:cc/status-changes']),
      );
    });

    it.each([
      ['text/plain', 'provisos=none'],
      ['application/x-www-form-urlencoded', 'provisos=No+retransfer&validUntil=2026-01-01'],
      ['application/xml', '<approve><provisos>none</provisos></approve>'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--'],
    ])('is refused on every POST route with 415 UNSUPPORTED_MEDIA_TYPE (%s)', async (type, body) => {
      for (const route of postRoutes()) {
        await expectRefused(
          () => t.http.post(concretePath(route.path)).set('Authorization', `Bearer ${everyone}`).set('Content-Type', type).send(body),
          415,
          'UNSUPPORTED_MEDIA_TYPE',
        );
      }
    });

    it('a missing body is 400 MALFORMED_BODY on every POST route that takes one', async () => {
      const id = await anAssignedCase(t, tokens);
      const withBody = postRoutes().filter((route) => route.takesBody);
      expect(withBody.length).toBeGreaterThanOrEqual(11); // submit, the nine case commands, status changes
      for (const route of withBody) {
        await expectRefused(() => t.http.post(concretePath(route.path, { id })).set('Authorization', `Bearer ${everyone}`), 400, 'MALFORMED_BODY');
      }
    });

    it('an approval sent as a form approves nothing', async () => {
      const id = await anAssignedCase(t, tokens);
      await expectRefused(
        () => t.http.post(`/applications/${id}/approve`).set('Authorization', `Bearer ${tokens.officer}`).type('form').send({ provisos: 'x', validUntil: '2026-01-01' }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
      const view = await t.http.get(`/applications/${id}`).set('Authorization', `Bearer ${tokens.officer}`).expect(200);
      expect(view.body.status).toBe('under-review');
    });

    it.each([
      ['gzip, not compressed', 'gzip', Buffer.from(JSON.stringify(anApplication()))],
      ['gzip, truncated', 'gzip', gzipSync(JSON.stringify(anApplication())).subarray(0, 20)],
      ['gzip, well formed', 'gzip', gzipSync(JSON.stringify(anApplication()))],
      ['deflate', 'deflate', Buffer.from('not deflated')],
      ['br', 'br', Buffer.from('not brotli')],
    ])('a compressed body is refused with 415 before authentication (%s)', async (_name, encoding, body) => {
      await expectRefused(
        () => t.http.post('/applications').set('Content-Type', 'application/json').set('Content-Encoding', encoding).send(body),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
    });
  });

  describe('sizes are checked before elements', () => {
    it('340,000 empty parties: 400 MALFORMED_BODY before the body is even parsed', async () => {
      const json = JSON.stringify(anApplication()).replace(/"parties":\[.*\]/, `"parties":[${Array(340_000).fill('{}').join(',')}]`);
      const problem = await expectRefused(() => postJson('/applications', json), 400, 'MALFORMED_BODY');
      expect(problem.detail).toBe('The body holds more than 10000 JSON values');
    });

    it('5,000 empty parties: the list size alone is reported, before any party is validated', async () => {
      const json = JSON.stringify(anApplication()).replace(/"parties":\[.*\]/, `"parties":[${Array(5_000).fill('{}').join(',')}]`);
      const problem = await expectRefused(() => postJson('/applications', json), 400, 'VALIDATION_FAILED');
      expect(problem.errors).toEqual([{ field: 'parties', message: 'parties must contain no more than 50 elements' }]);
    });

    it('16 such bodies at once: every one refused, and /health still answers', async () => {
      const json = JSON.stringify(anApplication()).replace(/"parties":\[.*\]/, `"parties":[${Array(340_000).fill('{}').join(',')}]`);
      const answers = await Promise.all([
        ...Array.from({ length: 16 }, () => postJson('/applications', json)),
        t.http.get('/health'),
      ]);
      expect(answers.slice(0, 16).map((answer) => answer.status)).toEqual(Array(16).fill(400));
      expect(answers.slice(0, 16).every((answer) => answer.text.length < 2000)).toBe(true);
      expect(answers[16]!.status).toBe(200);
    });

    it('140,000 distinct numbers as USML categories: 400 without comparing them pairwise', async () => {
      const json = JSON.stringify(anApplication({ usmlCategories: Array.from({ length: 140_000 }, (_v, i) => i) }));
      await expectRefused(() => postJson('/applications', json), 400, 'MALFORMED_BODY');
      const fewer = JSON.stringify(anApplication({ usmlCategories: Array.from({ length: 9_000 }, (_v, i) => i) }));
      const problem = await expectRefused(() => postJson('/applications', fewer), 400, 'VALIDATION_FAILED');
      expect(problem.errors).toEqual([{ field: 'usmlCategories', message: 'usmlCategories must contain no more than 21 elements' }]);
    });

    it('51 parties each wrong in three ways: the size alone is reported', async () => {
      const parties = Array.from({ length: 51 }, () => ({ role: 'x', name: '', country: 'ZZ' }));
      const problem = await expectRefused(() => postJson('/applications', JSON.stringify(anApplication({ parties }))), 400, 'VALIDATION_FAILED');
      expect(problem.errors).toHaveLength(1);
    });

    it('thousands of unknown keys: the first 20 errors and a count', async () => {
      const extra = Object.fromEntries(Array.from({ length: 5000 }, (_v, i) => [`k${i}`, i]));
      const problem = await expectRefused(() => postJson('/applications', JSON.stringify(anApplication(extra))), 400, 'VALIDATION_FAILED');
      expect(problem.errors).toHaveLength(20);
      expect(problem.detail).toContain('the first 20 of 5000');
    });

    it('end-use codes and exceptions beyond the vocabulary size, and 51 provisos, are refused', async () => {
      await expectRefused(() => postJson('/applications', JSON.stringify(anApplication({ endUseCodes: Array(8).fill('un-peacekeeping') }))), 400, 'VALIDATION_FAILED');
      const id = await anAssignedCase(t, tokens, { parties: [{ role: 'end-user', name: 'DGA', country: 'FR' }] });
      const provisos = Array.from({ length: 51 }, (_v, i) => `Proviso ${i}`);
      await expectRefused(() => postJson(`/applications/${id}/approve`, JSON.stringify({ provisos }), tokens.officer), 400, 'VALIDATION_FAILED');
    });
  });

  describe('no 5xx from input', () => {
    it('JSON nested 1,500 deep is 400 MALFORMED_BODY', async () => {
      const deep = `${'['.repeat(1500)}${']'.repeat(1500)}`;
      await expectRefused(() => postJson('/applications', `{"licenceType":${deep}}`), 400, 'MALFORMED_BODY');
      await expectRefused(() => postJson('/applications', `{"description":${'{"a":'.repeat(1500)}1${'}'.repeat(1500)}}`), 400, 'MALFORMED_BODY');
    });

    it.each([
      ['"applicant": []', { applicant: [] }, 'applicant'],
      ['"applicant": "Acme"', { applicant: 'Acme' }, 'applicant'],
      ['a party that is a list', { parties: [[]] }, 'parties[0]'],
      ['parties as an object', { parties: { role: 'end-user' } }, 'parties'],
      ['valueUsd 1e-7', { valueUsd: 1e-7 }, 'valueUsd'],
      ['valueUsd 5e-324', { valueUsd: 5e-324 }, 'valueUsd'],
      ['a control character in a name', { applicant: { name: 'Acme\u0000', registrationCode: 'M12345' } }, 'applicant.name'],
    ])('%s is 400 VALIDATION_FAILED', async (_name, overrides, field) => {
      const problem = await expectRefused(() => postJson('/applications', JSON.stringify(anApplication(overrides))), 400, 'VALIDATION_FAILED');
      expect(problem.errors!.map((error) => error.field)).toContain(field);
    });

    it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', '__defineGetter__'])(
      'the Object.prototype name %s is an unknown key, at the top and nested',
      async (key) => {
        const top = JSON.stringify(anApplication()).replace(/^\{/, `{"${key}":{"x":1},`);
        const problem = await expectRefused(() => postJson('/applications', top), 400, 'VALIDATION_FAILED');
        expect(problem.errors).toEqual([{ field: key, message: `property ${key} should not exist` }]);
        const nested = JSON.stringify(anApplication()).replace('"applicant":{', `"applicant":{"${key}":1,`);
        const nestedProblem = await expectRefused(() => postJson('/applications', nested), 400, 'VALIDATION_FAILED');
        expect(nestedProblem.errors).toEqual([{ field: `applicant.${key}`, message: `property ${key} should not exist` }]);
      },
    );

    it('an officer id with a zero-width or control character is refused', async () => {
      const id = await submitCase(t, tokens);
      for (const officerId of ['officer\u200b1', 'officer-1\u0007', '\u202eofficer']) {
        await expectRefused(() => postJson(`/applications/${id}/assign`, JSON.stringify({ officerId }), tokens.supervisor), 400, 'VALIDATION_FAILED');
      }
    });

    it('duplicate provisos are refused', async () => {
      const id = await anAssignedCase(t, tokens, { parties: [{ role: 'end-user', name: 'DGA', country: 'FR' }] });
      const problem = await expectRefused(
        () => postJson(`/applications/${id}/approve`, JSON.stringify({ provisos: ['No retransfer', ' No retransfer '] }), tokens.officer),
        400,
        'VALIDATION_FAILED',
      );
      expect(problem.errors).toEqual([{ field: 'provisos', message: 'provisos must not list the same proviso twice' }]);
    });
  });

  describe('queries', () => {
    it.each(['/dashboard?foo=1', '/applications/:id/history?x=', '/applications?limit=5&colour=red', '/countries/KH?asOf=2025-01-01&constructor=1', '/health?verbose=1'])(
      'an unknown query parameter is 400 VALIDATION_FAILED (%s)',
      async (path) => {
        const id = await submitCase(t, tokens);
        const problem = await expectRefused(() => t.http.get(concretePath(path, { id })).set('Authorization', `Bearer ${everyone}`), 400, 'VALIDATION_FAILED');
        expect(problem.errors![0]!.message).toMatch(/^query parameter \w+ should not exist$/);
      },
    );

    it('a parameter given twice is 400', async () => {
      await expectRefused(() => t.http.get('/applications?limit=1&limit=2').set('Authorization', `Bearer ${everyone}`), 400, 'VALIDATION_FAILED');
      await expectRefused(() => t.http.get('/countries/KH?asOf=2025-01-01&asOf=2024-01-01').set('Authorization', `Bearer ${everyone}`), 400, 'VALIDATION_FAILED');
    });

    it('an unknown parameter from an anonymous caller is 401 first', async () => {
      await expectRefused(() => t.http.get('/dashboard?foo=1'), 401, 'UNAUTHENTICATED');
    });

    it.each(['2025-02-30', '2025-02-31T10:00:00Z', '2025-01-01T24:00:00Z', '2025-13-01'])('an impossible asOf %s is 400, not 404', async (asOf) => {
      const id = await submitCase(t, tokens);
      await expectRefused(() => t.http.get(`/applications/${id}?asOf=${asOf}`).set('Authorization', `Bearer ${everyone}`), 400, 'VALIDATION_FAILED');
      await expectRefused(() => t.http.get(`/countries/KH?asOf=${asOf}`).set('Authorization', `Bearer ${everyone}`), 400, 'VALIDATION_FAILED');
    });

    it('the declared parameters still work', async () => {
      await t.http.get('/applications?limit=5&country=kh').set('Authorization', `Bearer ${everyone}`).expect(200);
      await t.http.get('/countries/KH?asOf=2025-01-01').set('Authorization', `Bearer ${everyone}`).expect(200);
    });
  });
});
