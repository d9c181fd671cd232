import { anApplication, type TestApp } from './test-app';

/** The roles of a licensing office, each with its own user id (recorded as the actor of every event). */
export function officeTokens(t: TestApp) {
  return {
    intake: t.token(['intake'], 'clerk-7'),
    officer: t.token(['case-officer'], 'officer-1'),
    supervisor: t.token(['supervisor'], 'supervisor-1'),
    auditor: t.token(['auditor'], 'auditor-1'),
  };
}

export type OfficeTokens = ReturnType<typeof officeTokens>;

/** Submits an application (intake) and answers its id. */
export async function submitCase(t: TestApp, tokens: OfficeTokens, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await t.http
    .post('/applications')
    .set('Authorization', `Bearer ${tokens.intake}`)
    .send(anApplication(overrides))
    .expect(201);
  return response.body.id as string;
}

/** A POST on a case with a bearer token (and optional If-Match). */
export function postOnCase(t: TestApp, token: string, id: string, path: string, body: object = {}, ifMatch?: string) {
  const call = t.http.post(`/applications/${id}/${path}`).set('Authorization', `Bearer ${token}`);
  return (ifMatch === undefined ? call : call.set('If-Match', ifMatch)).send(body);
}

/** A case submitted and assigned to officer-1 (under-review). */
export async function anAssignedCase(t: TestApp, tokens: OfficeTokens, overrides: Record<string, unknown> = {}): Promise<string> {
  const id = await submitCase(t, tokens, overrides);
  await postOnCase(t, tokens.supervisor, id, 'assign', { officerId: 'officer-1' }).expect(200);
  return id;
}

/** The event types of a case's history, in order. */
export async function historyTypes(t: TestApp, tokens: OfficeTokens, id: string): Promise<string[]> {
  const response = await t.http.get(`/applications/${id}/history`).set('Authorization', `Bearer ${tokens.auditor}`).expect(200);
  return (response.body.items as { type: string }[]).map((event) => event.type);
}

export const CHINA_END_USER = { parties: [{ role: 'end-user', name: 'PLA Navy', country: 'CN' }] };
export const FRANCE_END_USER = { parties: [{ role: 'end-user', name: 'Direction générale de l’armement', country: 'FR' }] };
