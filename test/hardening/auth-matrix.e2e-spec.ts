import { ROLES, type Role } from '../../apps/api/src/shared/auth/roles';
import { concretePath, declaredRoutes, requestFor, type DeclaredRoute } from '../support/routes';
import { startTestApp, stopTestApp, TEST_SECRET, type TestApp } from '../support/test-app';
import { mintToken } from '../../apps/api/src/shared/auth/jwt';

/**
 * Every route × every role, generated from the controllers' own metadata: a route added without @Roles (or made
 * @Public without being an operations route) fails here, and each role gets 403 exactly where the route does not
 * list it. The documented roles (README "Tokens and roles") are checked against the declared ones.
 */
const DOCUMENTED: Record<string, readonly Role[]> = {
  'POST /applications': ['intake', 'case-officer'],
  'GET /applications': ['case-officer', 'supervisor', 'auditor'],
  'GET /applications/:id': ['case-officer', 'supervisor', 'auditor'],
  'GET /applications/:id/history': ['case-officer', 'supervisor', 'auditor'],
  'POST /applications/:id/assign': ['supervisor'],
  'POST /applications/:id/referrals': ['case-officer'],
  'POST /applications/:id/referrals/:agency/answer': ['case-officer'],
  'POST /applications/:id/approve': ['case-officer', 'supervisor'],
  'POST /applications/:id/deny': ['case-officer', 'supervisor'],
  'POST /applications/:id/return': ['case-officer'],
  'POST /applications/:id/withdraw': ['intake'],
  'POST /applications/:id/suspend': ['supervisor'],
  'POST /applications/:id/revoke': ['supervisor'],
  'GET /dashboard': ['case-officer', 'supervisor', 'auditor'],
  'GET /officers/workload': ['supervisor', 'auditor'],
  'GET /countries': [...ROLES],
  'GET /countries/:cc': [...ROLES],
  'POST /countries/:cc/status-changes': ['policy-admin'],
  'GET /reevaluations': ['case-officer', 'supervisor', 'policy-admin', 'auditor'],
  'GET /reevaluations/:id': ['case-officer', 'supervisor', 'policy-admin', 'auditor'],
  'GET /reevaluations/:id/cases': ['case-officer', 'supervisor', 'policy-admin', 'auditor'],
};

/** Routes open without a token: operations endpoints only. */
const PUBLIC_ROUTE = /^GET \/(health(\/[a-z]+)?|metrics)$/;

describe('auth matrix over every declared route', () => {
  let t: TestApp;
  let routes: DeclaredRoute[];

  beforeAll(async () => {
    t = await startTestApp();
    routes = declaredRoutes(t.app);
  });
  afterAll(() => stopTestApp(t));

  const name = (route: DeclaredRoute) => `${route.method} ${route.path}`;

  it('finds the routes in the controllers', () => {
    expect(routes.map(name)).toEqual(expect.arrayContaining(Object.keys(DOCUMENTED)));
  });

  it('every route is either an operations route open to all or declares the roles it needs', () => {
    const undeclared = routes.filter((route) => (route.isPublic ? !PUBLIC_ROUTE.test(name(route)) : route.roles.length === 0));
    expect(undeclared.map(name)).toEqual([]);
  });

  it('the declared roles are the documented ones', () => {
    const declared = Object.fromEntries(routes.filter((route) => name(route) in DOCUMENTED).map((route) => [name(route), [...route.roles].sort()]));
    const documented = Object.fromEntries(Object.entries(DOCUMENTED).map(([key, roles]) => [key, [...roles].sort()]));
    expect(declared).toEqual(documented);
  });

  it('answers each role 403 exactly where the route does not list it, and no token or a forged one 401', async () => {
    const forged = mintToken('another-secret-that-is-at-least-32-bytes!', { sub: 'mallory', roles: [...ROLES] });
    const failures: string[] = [];
    for (const route of routes) {
      const before = await t.lastPosition();
      const send = (token: string | null) => {
        const call = requestFor(t.http, route, concretePath(route.path));
        // A route that streams without declaring @Sse() would never answer: fail on it rather than hang.
        return (token === null ? call : call.set('Authorization', `Bearer ${token}`)).timeout({ deadline: 10_000 });
      };
      const expectStatus = async (label: string, token: string | null, check: (status: number) => boolean) => {
        const response = await send(token).catch((error: { timeout?: number }) => {
          if (error.timeout === undefined) throw error;
          return null;
        });
        if (response === null) failures.push(`${name(route)} as ${label}: no answer within 10 s (a stream? declare it with @Sse())`);
        else if (!check(response.status) || response.status >= 500) failures.push(`${name(route)} as ${label}: ${response.status} ${response.body?.code ?? ''}`);
      };
      if (route.isPublic) {
        await expectStatus('anonymous', null, (status) => status < 400);
        continue;
      }
      await expectStatus('anonymous', null, (status) => status === 401);
      await expectStatus('a forged token', forged, (status) => status === 401);
      for (const role of ROLES) {
        const token = mintToken(TEST_SECRET, { sub: `user-${role}`, roles: [role] });
        const allowed = route.roles.includes(role);
        if (allowed && route.isStream) continue; // an accepted stream never ends; its refusals are checked
        await expectStatus(role, token, (status) => (allowed ? status !== 401 && status !== 403 : status === 403));
      }
      // Every request above was refused or had an empty body, which a route that takes a body refuses: none may
      // have appended. (A route without a body, such as POST /audit/seals, is complete without one and may append.)
      if (route.takesBody && (await t.lastPosition()) !== before) failures.push(`${name(route)}: a refused request appended`);
    }
    expect(failures).toEqual([]);
  });
});
