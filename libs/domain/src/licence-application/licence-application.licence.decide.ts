import { addDays, isCalendarDate } from '../kernel/calendar-date';
import type { ExpireLicence, RevokeLicence, SuspendLicence } from './licence-application.commands';
import { CommandErrors, requireCase } from './licence-application.case-checks';
import { LicenceApplicationErrors } from './licence-application.errors';
import {
  LICENCE_EXPIRED,
  LICENCE_REVOKED,
  LICENCE_SUSPENDED,
  type LicenceExpired,
  type LicenceRevoked,
  type LicenceSuspended,
} from './licence-application.events';
import type { IssuedLicence, LicenceApplicationState } from './licence-application.state';
import { LICENCE_ACTION_AUTHORITY, type CaseStatus } from './licence-application.types';

/**
 * Actions on an issued licence rather than on the case. 22 CFR 126.7 lets DDTC suspend or revoke a licence
 * without prior notice, and the applicant is told the reasons in writing (the domain notes tag the
 * regulatory text [M]: not retrieved). The reason is recorded together with the authority.
 */

export function decideSuspend(state: LicenceApplicationState, command: SuspendLicence): LicenceSuspended[] {
  const licenceCase = requireCase(state, command.applicationId);
  const errors = new CommandErrors().envelope(command);
  errors.notBlank('reason', command.reason);
  errors.throwIfAny();
  requireLicenceIn(['approved'], licenceCase);
  return [
    {
      type: LICENCE_SUSPENDED,
      data: {
        applicationId: command.applicationId,
        reason: command.reason,
        suspendedAt: command.at,
        suspendedBy: command.by,
        authority: LICENCE_ACTION_AUTHORITY,
      },
    },
  ];
}

/** Both an approved and a suspended licence can be revoked (docs/product.md §2): a suspension does not shield it. */
export function decideRevoke(state: LicenceApplicationState, command: RevokeLicence): LicenceRevoked[] {
  const licenceCase = requireCase(state, command.applicationId);
  const errors = new CommandErrors().envelope(command);
  errors.notBlank('reason', command.reason);
  errors.throwIfAny();
  requireLicenceIn(['approved', 'suspended'], licenceCase);
  return [
    {
      type: LICENCE_REVOKED,
      data: {
        applicationId: command.applicationId,
        reason: command.reason,
        revokedAt: command.at,
        revokedBy: command.by,
        authority: LICENCE_ACTION_AUTHORITY,
      },
    },
  ];
}

/**
 * Records that a licence ran past its last valid day. `today` comes from the caller (a scheduler), since
 * the domain reads no clock; a suspended licence expires too, its term runs on regardless.
 */
export function decideExpire(state: LicenceApplicationState, command: ExpireLicence): LicenceExpired[] {
  const licenceCase = requireCase(state, command.applicationId);
  const errors = new CommandErrors().envelope(command);
  if (!isCalendarDate(command.today)) errors.fail('today', 'must be a date (YYYY-MM-DD)');
  errors.throwIfAny();
  const licence = requireLicenceIn(['approved', 'suspended'], licenceCase);
  // validUntil is the last valid day, inclusive.
  if (command.today <= licence.validUntil) {
    throw LicenceApplicationErrors.licenceNotYetExpired(command.applicationId, licence.validUntil, command.today);
  }
  return [
    {
      type: LICENCE_EXPIRED,
      data: {
        applicationId: command.applicationId,
        validUntil: licence.validUntil,
        expiredOn: addDays(licence.validUntil, 1),
        expiredAt: command.at,
        expiredBy: command.by,
      },
    },
  ];
}

function requireLicenceIn(
  statuses: readonly CaseStatus[],
  licenceCase: { readonly applicationId: string; readonly status: CaseStatus; readonly licence: IssuedLicence | null },
): IssuedLicence {
  if (!statuses.includes(licenceCase.status) || licenceCase.licence === null) {
    throw LicenceApplicationErrors.licenceNotActive(licenceCase.applicationId, licenceCase.status);
  }
  return licenceCase.licence;
}
