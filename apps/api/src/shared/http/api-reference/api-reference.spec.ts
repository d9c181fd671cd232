import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ArgumentsHost } from '@nestjs/common';
import { IllegalTransitionError, InvalidCommandError, NotFoundError } from '@app/domain';
import { ProblemDetailsFilter } from '../problem-details.filter';
import { problemCodesTable, routesTable, spliceGenerated } from './testing/api-reference-markdown';
import { declaredApiRoutes, type ApiRoute } from './testing/declared-api-routes';
import { DOMAIN_ERROR_STATUS, problemSightings, scanProblemCodes, type ProblemCode } from './testing/problem-codes';

const ROOT = path.resolve(__dirname, '../../../../../..');
const API_DOC = path.join(ROOT, 'docs/api.md');

describe('docs/api.md', () => {
  let routes: ApiRoute[];
  let codes: ProblemCode[];

  beforeAll(async () => {
    routes = await declaredApiRoutes();
    codes = scanProblemCodes(ROOT);
  });

  it('holds the routes and problem codes the source declares today (run `npm run docs:api` after changing them)', () => {
    const current = readFileSync(API_DOC, 'utf8');
    const regenerated = spliceGenerated(
      spliceGenerated(current, 'routes', routesTable(routes, codes)),
      'problem-codes',
      problemCodesTable(codes, '../'),
    );
    if (process.env.UPDATE_API_DOCS === '1') writeFileSync(API_DOC, regenerated);
    expect(readFileSync(API_DOC, 'utf8')).toBe(regenerated);
  });

  it('reads each route from its controller: method, path, roles and success status', () => {
    const submit = routes.find((route) => route.method === 'POST' && route.path === '/applications');
    expect(submit).toMatchObject({ access: ['intake', 'case-officer'], successStatus: 201 });
    expect(submit?.errorStatuses).toEqual(expect.arrayContaining([400, 401, 403, 422]));
    const approve = routes.find((route) => route.path === '/applications/:id/approve');
    expect(approve).toMatchObject({ method: 'POST', successStatus: 200 });
    expect(routesTable([approve!], codes)).toContain('`POLICY_OF_DENIAL`');
    expect(routes.find((route) => route.path === '/health')?.access).toBe('public');
    expect(routes.find((route) => route.path === '/countries')?.access).toBe('any');
  });

  it('finds the codes the source raises, with their statuses and the files that raise them', () => {
    expect(codes.find((problem) => problem.code === 'POLICY_OF_DENIAL')).toMatchObject({
      statuses: [409],
      files: ['libs/domain/src/licence-application/licence-application.errors.ts'],
    });
    expect(codes.find((problem) => problem.code === 'ROUTE_NOT_FOUND')?.statuses).toEqual([404]);
    expect(codes.find((problem) => problem.code === 'PAYLOAD_TOO_LARGE')?.meaning).toBe('The body exceeds 1 MiB');
  });
});

describe('the problem code scanner', () => {
  it('reads ProblemException, Problems.notFound, domain errors and a status-to-code map, and nothing else', () => {
    const source = `
      const a = new ProblemException(429, 'TOO_MANY', 'Too many', 'Slow down, ' + 'please');
      const b = Problems.notFound('THING_NOT_FOUND', \`No thing \${id} here\`);
      const c = new IllegalTransitionError('THING_CLOSED', \`Thing \${id} is \${status}\`);
      const d = { 404: 'NO_ROUTE', 405: 'NO_METHOD' };
      const e = new ProblemException(status, code, 'Computed');
      const f = { 1: 'NOT_A_STATUS' };
      const g = new ProblemException(400, 'lower-case', 'Not a code');`;
    expect(problemSightings(source)).toEqual([
      { code: 'TOO_MANY', status: 429, meaning: 'Slow down, please', weak: false },
      { code: 'THING_NOT_FOUND', status: 404, meaning: 'No thing … here', weak: false },
      { code: 'THING_CLOSED', status: 409, meaning: 'Thing … is …', weak: false },
      { code: 'NO_ROUTE', status: 404, meaning: 'HTTP 404 from the framework', weak: true },
      { code: 'NO_METHOD', status: 405, meaning: 'HTTP 405 from the framework', weak: true },
    ]);
  });

  it('gives each domain error the status ProblemDetailsFilter answers it with', () => {
    const errors = [new InvalidCommandError('X_Y', 'x'), new NotFoundError('X_Y', 'x'), new IllegalTransitionError('X_Y', 'x')];
    for (const error of errors) {
      const response = { statusCode: 0, setHeader: () => response, status: (code: number) => Object.assign(response, { statusCode: code }), type: () => response, send: () => response };
      const host = { switchToHttp: () => ({ getRequest: () => ({ originalUrl: '/x' }), getResponse: () => response }) } as unknown as ArgumentsHost;
      new ProblemDetailsFilter().catch(error, host);
      expect({ error: error.constructor.name, status: response.statusCode }).toEqual({ error: error.constructor.name, status: DOMAIN_ERROR_STATUS[error.constructor.name] });
    }
  });
});

describe('spliceGenerated', () => {
  it('replaces only the block between the markers', () => {
    const document = 'before\n<!-- generated:x -->\nold\n<!-- /generated:x -->\nafter\n';
    expect(spliceGenerated(document, 'x', 'new')).toBe('before\n<!-- generated:x -->\nnew\n<!-- /generated:x -->\nafter\n');
  });

  it('refuses a document without the block', () => {
    expect(() => spliceGenerated('no markers', 'x', 'new')).toThrow('no <!-- generated:x -->');
  });
});
