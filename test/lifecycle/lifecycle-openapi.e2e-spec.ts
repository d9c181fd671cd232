import { startTestApp, stopTestApp, type TestApp } from '../support/test-app';

const CASE_COMMANDS = [
  '/applications/{id}/assign',
  '/applications/{id}/referrals',
  '/applications/{id}/referrals/{agency}/answer',
  '/applications/{id}/approve',
  '/applications/{id}/deny',
  '/applications/{id}/return',
  '/applications/{id}/withdraw',
  '/applications/{id}/suspend',
  '/applications/{id}/revoke',
];

describe('OpenAPI description of the case commands', () => {
  let t: TestApp;
  let paths: Record<string, { post?: { parameters: { name: string; in: string }[]; responses: Record<string, unknown> } }>;

  beforeAll(async () => {
    t = await startTestApp();
    paths = (await t.http.get('/docs-json').expect(200)).body.paths;
  });
  afterAll(() => stopTestApp(t));

  it.each(CASE_COMMANDS)('%s answers the case view and documents If-Match, Idempotency-Key, 409 and 412', (path) => {
    const operation = paths[path]?.post;
    expect(operation).toBeDefined();
    const headers = operation!.parameters.filter((p) => p.in === 'header').map((p) => p.name);
    expect(headers).toEqual(expect.arrayContaining(['If-Match', 'Idempotency-Key', 'X-Correlation-Id']));
    expect(operation!.responses['200']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/CaseViewResponse' } } },
      headers: { ETag: expect.any(Object) },
    });
    expect(Object.keys(operation!.responses)).toEqual(expect.arrayContaining(['400', '401', '403', '404', '409', '412', '422']));
  });

  it('documents the approval refusal codes in the operation description', async () => {
    const docs = await t.http.get('/docs-json').expect(200);
    const approve = docs.body.paths['/applications/{id}/approve'].post;
    expect(approve.description).toContain('POLICY_OF_DENIAL');
    expect(approve.description).toContain('REFERRALS_OUTSTANDING');
    expect(Object.keys(docs.body.components.schemas.CaseViewResponse.properties)).toEqual(
      expect.arrayContaining(['assignee', 'referrals', 'decision', 'licence', 'lastChangedAt']),
    );
  });
});
