import { startTestApp, stopTestApp, type TestApp } from '../support/test-app';
import {
  anAssignedCase,
  CHINA_END_USER,
  FRANCE_END_USER,
  historyTypes,
  officeTokens,
  postOnCase,
  submitCase,
  type OfficeTokens,
} from '../support/case-actions';

describe('a case officer works a case over HTTP', () => {
  let t: TestApp;
  let tokens: OfficeTokens;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-29T09:00:00.000Z' });
    tokens = officeTokens(t);
  });
  afterAll(() => stopTestApp(t));

  it('goes submitted → assigned → referred → answered → approved with provisos', async () => {
    const id = await submitCase(t, tokens, FRANCE_END_USER);

    const assigned = await postOnCase(t, tokens.supervisor, id, 'assign', { officerId: 'officer-1' }).expect(200);
    expect(assigned.body).toMatchObject({ id, status: 'under-review', assignee: 'officer-1', revision: 1 });
    expect(assigned.headers.etag).toBe('"1"');

    const referred = await postOnCase(t, tokens.officer, id, 'referrals', { agency: 'dtsa' }).expect(200);
    expect(referred.body).toMatchObject({ status: 'referred', revision: 2 });
    expect(referred.body.referrals).toEqual([expect.objectContaining({ agency: 'DTSA', status: 'open' })]);

    const answered = await postOnCase(t, tokens.officer, id, 'referrals/DTSA/answer', {
      recommendation: 'approve-with-provisos',
      provisos: ['No retransfer to third countries'],
    }).expect(200);
    expect(answered.body).toMatchObject({ status: 'under-review', revision: 3 });
    expect(answered.body.referrals).toEqual([
      expect.objectContaining({ agency: 'DTSA', status: 'answered', recommendation: 'approve-with-provisos' }),
    ]);

    const approved = await postOnCase(t, tokens.officer, id, 'approve', {
      provisos: ['No retransfer to third countries', 'End-use check within 12 months'],
    }).expect(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      revision: 4,
      decision: expect.objectContaining({
        outcome: 'approved',
        by: 'officer-1',
        provisos: ['No retransfer to third countries', 'End-use check within 12 months'],
      }),
      // DSP-5: four years from the approval date (58 FR 39280).
      licence: expect.objectContaining({ validFrom: '2026-11-29', validUntil: '2030-11-29' }),
    });

    // A command's answer is the case as stored: the same view a read gives afterwards.
    const read = await t.http.get(`/applications/${id}`).set('Authorization', `Bearer ${tokens.auditor}`).expect(200);
    expect(read.body).toEqual(approved.body);
    expect(read.headers.etag).toBe(approved.headers.etag);

    expect(await historyTypes(t, tokens, id)).toEqual([
      'LicenceApplicationSubmitted',
      'CaseAssigned',
      'CaseReferred',
      'ReferralAnswered',
      'LicenceApproved',
    ]);
    const history = await t.http.get(`/applications/${id}/history`).set('Authorization', `Bearer ${tokens.auditor}`).expect(200);
    expect(history.body.items.map((event: { metadata: { actor: string } }) => event.metadata.actor)).toEqual([
      'clerk-7',
      'supervisor-1',
      'officer-1',
      'officer-1',
      'officer-1',
    ]);
  });

  it('refuses to approve a China case (409 POLICY_OF_DENIAL) but denies it', async () => {
    const id = await anAssignedCase(t, tokens, CHINA_END_USER);
    const before = await t.lastPosition();

    const refused = await postOnCase(t, tokens.officer, id, 'approve', { provisos: [] }).expect(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ status: 409, code: 'POLICY_OF_DENIAL' });
    expect(await t.lastPosition()).toBe(before);

    const denied = await postOnCase(t, tokens.officer, id, 'deny', { reason: '22 CFR 126.1(d)(1): China' }).expect(200);
    expect(denied.body).toMatchObject({ status: 'denied', decision: expect.objectContaining({ outcome: 'denied' }) });

    const again = await postOnCase(t, tokens.supervisor, id, 'deny', { reason: 'again' }).expect(409);
    expect(again.body.code).toBe('CASE_ALREADY_DECIDED');
  });

  it('refuses decisions on a case that is not assigned, and referral answers for agencies never staffed', async () => {
    const id = await submitCase(t, tokens, FRANCE_END_USER);
    expect((await postOnCase(t, tokens.officer, id, 'approve', {}).expect(409)).body.code).toBe('CASE_NOT_ASSIGNED');
    await postOnCase(t, tokens.supervisor, id, 'assign', { officerId: 'officer-1' }).expect(200);
    expect((await postOnCase(t, tokens.supervisor, id, 'assign', { officerId: 'officer-1' }).expect(409)).body.code).toBe(
      'ALREADY_ASSIGNED',
    );
    const unknown = await postOnCase(t, tokens.officer, id, 'referrals/DTSA/answer', { recommendation: 'approve' }).expect(409);
    expect(unknown.body.code).toBe('REFERRAL_NOT_FOUND');
    await postOnCase(t, tokens.officer, id, 'referrals', { agency: 'DTSA' }).expect(200);
    expect((await postOnCase(t, tokens.officer, id, 'referrals', { agency: 'DTSA' }).expect(409)).body.code).toBe(
      'REFERRAL_ALREADY_OPEN',
    );
    expect((await postOnCase(t, tokens.officer, id, 'approve', {}).expect(409)).body.code).toBe('REFERRALS_OUTSTANDING');
  });

  it('answers 400 problem+json for bad input and appends nothing', async () => {
    const id = await anAssignedCase(t, tokens, FRANCE_END_USER);
    const before = await t.lastPosition();
    const cases: Array<[string, object, string]> = [
      ['assign', {}, 'officerId'],
      ['assign', { officerId: '' }, 'officerId'],
      ['referrals', { agency: 'not an agency' }, 'agency'],
      ['deny', { reason: '   ' }, 'reason'],
      ['deny', { reason: 'x', extra: true }, 'extra'],
      ['approve', { provisos: [''] }, 'provisos'],
      ['approve', { validUntil: '29/11/2030' }, 'validUntil'],
    ];
    const officerAndSupervisor = t.token(['case-officer', 'supervisor'], 'officer-1');
    for (const [path, body, field] of cases) {
      const response = await postOnCase(t, officerAndSupervisor, id, path, body);
      expect([path, response.status]).toEqual([path, 400]);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.errors.map((e: { field: string }) => e.field).join(' ')).toContain(field);
    }
    const answer = await postOnCase(t, tokens.officer, id, 'referrals/DTSA/answer', { recommendation: 'maybe' }).expect(400);
    expect(answer.body.errors[0].field).toBe('recommendation');
    expect(await t.lastPosition()).toBe(before);
  });

  it('answers 404 for an unknown case and 403 for a role the route does not admit', async () => {
    const missing = await postOnCase(t, tokens.supervisor, '0b9b5d1c-7a0e-4b1e-9a53-5f0c8f3f0000', 'assign', {
      officerId: 'officer-1',
    }).expect(404);
    expect(missing.body.code).toBe('APPLICATION_NOT_FOUND');
    const id = await submitCase(t, tokens, FRANCE_END_USER);
    expect((await postOnCase(t, tokens.intake, id, 'assign', { officerId: 'x' }).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await postOnCase(t, tokens.officer, id, 'withdraw', { reason: 'x' }).expect(403)).body.code).toBe('FORBIDDEN');
    const withdrawn = await postOnCase(t, tokens.intake, id, 'withdraw', { reason: 'Applicant withdrew' }).expect(200);
    expect(withdrawn.body.status).toBe('withdrawn');
  });

  it('returns a pending case without action', async () => {
    const id = await submitCase(t, tokens, FRANCE_END_USER);
    const returned = await postOnCase(t, tokens.officer, id, 'return', { reason: 'Block 14 end-user missing' }).expect(200);
    expect(returned.body).toMatchObject({ status: 'returned-without-action' });
    expect(await historyTypes(t, tokens, id)).toEqual(['LicenceApplicationSubmitted', 'ApplicationReturnedWithoutAction']);
  });

  it('suspends and revokes an approved licence under §126.7 (supervisor only)', async () => {
    const id = await anAssignedCase(t, tokens, FRANCE_END_USER);
    await postOnCase(t, tokens.officer, id, 'approve', {}).expect(200);
    expect((await postOnCase(t, tokens.officer, id, 'suspend', { reason: 'x' }).expect(403)).body.code).toBe('FORBIDDEN');
    const suspended = await postOnCase(t, tokens.supervisor, id, 'suspend', { reason: 'Suspected diversion' }).expect(200);
    expect(suspended.body.status).toBe('suspended');
    const revoked = await postOnCase(t, tokens.supervisor, id, 'revoke', { reason: 'Diversion confirmed' }).expect(200);
    expect(revoked.body.status).toBe('revoked');
    expect((await postOnCase(t, tokens.supervisor, id, 'suspend', { reason: 'x' }).expect(409)).body.code).toBe('LICENCE_NOT_ACTIVE');
    const history = await t.http.get(`/applications/${id}/history`).set('Authorization', `Bearer ${tokens.auditor}`).expect(200);
    expect(history.body.items.at(-1)).toMatchObject({
      type: 'LicenceRevoked',
      data: { reason: 'Diversion confirmed', authority: '22 CFR 126.7', revokedBy: 'supervisor-1' },
    });
  });
});
