import type { TestApp } from './test-app';

/** A citation as a policy administrator records it (FR document number and publication date at least). */
export function aCitation(frDocument: string, publishedOn: string) {
  return { frDocument, publishedOn, title: 'Amendment to the International Traffic in Arms Regulations: §126.1' };
}

/** Cambodia back on Table 2 under ¶(o), with its 2021 exceptions (the shape of 86 FR 70053). */
export function relistCambodia(effectiveOn: string) {
  return {
    status: 'denial-with-exceptions',
    paragraph: '(o)',
    exceptions: ['conventional-weapons-destruction', 'humanitarian-demining'],
    citation: aCitation('2099-00001', effectiveOn),
    effectiveOn,
    reason: 'Cambodia placed on §126.1 again',
  };
}

export function removeCambodia(effectiveOn: string) {
  return {
    status: 'not-listed',
    citation: aCitation('2099-00002', effectiveOn),
    effectiveOn,
    reason: 'Cambodia removed from §126.1 again',
  };
}

/** Records a status change as a policy administrator; answers `{ changeId, reevaluationId }`. */
export async function recordStatusChange(
  t: TestApp,
  countryCode: string,
  body: object,
): Promise<{ changeId: string; reevaluationId: string }> {
  const response = await t.http
    .post(`/countries/${countryCode}/status-changes`)
    .set('Authorization', `Bearer ${t.token(['policy-admin'], 'policy-admin-1')}`)
    .send(body)
    .expect(202);
  return { changeId: response.body.changeId as string, reevaluationId: response.body.reevaluationId as string };
}

/** One event of GET /applications/:id/history (payloads are JSON: read them as such). */
export interface HistoryItem {
  type: string;
  data: ReturnType<typeof JSON.parse>;
  metadata: { actor: string; correlationId: string; causationId: string | null };
}

/** A run as GET /reevaluations/:id answers it. */
export async function runOf(t: TestApp, reevaluationId: string) {
  const response = await t.http
    .get(`/reevaluations/${reevaluationId}`)
    .set('Authorization', `Bearer ${t.token(['auditor'], 'auditor-1')}`)
    .expect(200);
  return response.body as ReturnType<typeof JSON.parse>;
}

/** GET /applications/:id as an auditor. */
export async function caseOf(t: TestApp, id: string) {
  return (await t.http.get(`/applications/${id}`).set('Authorization', `Bearer ${t.token(['auditor'], 'auditor-1')}`).expect(200)).body;
}

/** The history items of a case, as an auditor. */
export async function historyOf(t: TestApp, id: string): Promise<HistoryItem[]> {
  return (
    await t.http.get(`/applications/${id}/history`).set('Authorization', `Bearer ${t.token(['auditor'], 'auditor-1')}`).expect(200)
  ).body.items;
}
