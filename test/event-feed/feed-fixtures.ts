import { anAssignedCase, officeTokens, postOnCase, submitCase, FRANCE_END_USER } from '../support/case-actions';
import { recordStatusChange, relistCambodia } from '../support/status-changes';
import type { TestApp } from '../support/test-app';

export const KH_MOD = { parties: [{ role: 'end-user', name: 'Royal Cambodian Armed Forces', country: 'KH' }] };
const KH_DEMINING = {
  parties: [{ role: 'end-user', name: 'Cambodian Mine Action Centre', country: 'KH' }],
  endUseCodes: ['humanitarian-demining'],
};

/** The start of the Cambodia story: Cambodia is on §126.1 (Table 2, ¶(o)) until 7 November 2025. */
export const BEFORE_CAMBODIA_REMOVAL = '2025-10-01T09:00:00.000Z';

/**
 * A licensing office's busy weeks, through the HTTP API: every case decision, Cambodia's removal from §126.1 coming
 * into force (the seeded FR Doc 2025-19822: one pending case changes track, another keeps it and has its
 * determinations revised) and a later relisting that flags a live licence. Every public event
 * type except LicenceExpired ends up in the log.
 */
export async function anOfficesWeeks(t: TestApp): Promise<void> {
  const tokens = officeTokens(t);
  const pendingKh = await submitCase(t, tokens, KH_MOD);
  const referred = await anAssignedCase(t, tokens, FRANCE_END_USER);
  await postOnCase(t, tokens.officer, referred, 'referrals', { agency: 'DTSA' }).expect(200);
  await postOnCase(t, tokens.officer, referred, 'referrals/DTSA/answer', { recommendation: 'approve-with-provisos', provisos: ['No re-transfer'] }).expect(200);
  await postOnCase(t, tokens.officer, referred, 'approve', {}).expect(200);
  await postOnCase(t, tokens.supervisor, referred, 'suspend', { reason: 'Suspected diversion' }).expect(200);
  await postOnCase(t, tokens.supervisor, referred, 'revoke', { reason: 'Diversion confirmed' }).expect(200);
  const denied = await anAssignedCase(t, tokens, KH_MOD);
  await postOnCase(t, tokens.officer, denied, 'deny', { reason: '22 CFR 126.1(o): no exception applies' }).expect(200);
  const returned = await anAssignedCase(t, tokens, FRANCE_END_USER);
  await postOnCase(t, tokens.officer, returned, 'return', { reason: 'Incomplete' }).expect(200);
  const withdrawn = await submitCase(t, tokens, FRANCE_END_USER);
  await postOnCase(t, tokens.intake, withdrawn, 'withdraw', { reason: 'Applicant withdrew' }).expect(200);
  const demining = await anAssignedCase(t, tokens, KH_DEMINING);
  await postOnCase(t, tokens.officer, demining, 'approve', {}).expect(200);
  // Pending and case by case under ¶(o): the removal keeps its track but revises its determinations.
  const pendingDemining = await submitCase(t, tokens, KH_DEMINING);

  t.clock.set('2025-11-08T09:00:00.000Z');
  await t.reevaluate();
  await recordStatusChange(t, 'KH', relistCambodia('2025-11-20'));
  t.clock.set('2025-11-20T09:00:00.000Z');
  await t.reevaluate();
  void pendingKh;
  void pendingDemining;
}
