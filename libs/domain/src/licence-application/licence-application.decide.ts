import { isExceptionCode } from '../country-policy/policy-status';
import { evaluatePolicy } from '../policy-evaluation/evaluate-policy';
import type { FieldError } from '../kernel/domain-error';
import type { SubmitLicenceApplication } from './licence-application.commands';
import { LicenceApplicationErrors } from './licence-application.errors';
import { LICENCE_APPLICATION_SUBMITTED, type LicenceApplicationSubmitted } from './licence-application.events';
import type { LicenceApplicationState } from './licence-application.state';
import { LICENCE_TYPES, PARTY_ROLES, USML_CATEGORIES } from './licence-application.types';

const COUNTRY_CODE = /^[A-Z]{2}$/;

/** Opens a case and records its §126.1 determinations against the register in force. */
export function decideSubmit(
  state: LicenceApplicationState,
  command: SubmitLicenceApplication,
): LicenceApplicationSubmitted[] {
  if (state !== null) throw LicenceApplicationErrors.alreadySubmitted(command.applicationId);
  const errors = validateApplication(command);
  if (errors.length > 0) throw LicenceApplicationErrors.invalid(errors);

  const evaluation = evaluatePolicy(command, command.policy);
  return [
    {
      type: LICENCE_APPLICATION_SUBMITTED,
      data: {
        applicationId: command.applicationId,
        licenceType: command.licenceType,
        applicant: { ...command.applicant },
        usmlCategories: [...command.usmlCategories],
        valueUsd: command.valueUsd,
        majorDefenseEquipment: command.majorDefenseEquipment,
        endUseCodes: [...command.endUseCodes],
        description: command.description,
        parties: command.parties.map((party) => ({ ...party })),
        submittedAt: command.submittedAt,
        submittedBy: command.submittedBy,
        policyDate: command.policy.onDate,
        ...evaluation,
      },
    },
  ];
}

/**
 * The application's own invariants. The HTTP layer validates shapes first; these rules hold whoever
 * calls the domain (a CLI import, a process manager).
 */
function validateApplication(command: SubmitLicenceApplication): FieldError[] {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });

  if (!(LICENCE_TYPES as readonly string[]).includes(command.licenceType)) {
    fail('licenceType', `must be one of ${LICENCE_TYPES.join(', ')}`);
  }
  if (command.applicant.name.trim() === '') fail('applicant.name', 'must not be empty');
  if (command.applicant.registrationCode.trim() === '') fail('applicant.registrationCode', 'must not be empty');
  if (command.usmlCategories.length === 0) fail('usmlCategories', 'at least one USML category (I–XXI) is required');
  command.usmlCategories.forEach((category, index) => {
    if (!(USML_CATEGORIES as readonly string[]).includes(category)) {
      fail(`usmlCategories[${index}]`, 'must be a USML category I–XXI');
    }
  });
  if (!Number.isFinite(command.valueUsd) || command.valueUsd < 0) fail('valueUsd', 'must be a number ≥ 0');
  command.endUseCodes.forEach((code, index) => {
    if (!isExceptionCode(code)) fail(`endUseCodes[${index}]`, `unknown end-use code ${String(code)}`);
  });
  // 22 CFR §123.1 / DSP-5 Block 14: at least one foreign end-user.
  if (!command.parties.some((party) => party.role === 'end-user')) {
    fail('parties', 'at least one end-user is required');
  }
  command.parties.forEach((party, index) => {
    if (!(PARTY_ROLES as readonly string[]).includes(party.role)) {
      fail(`parties[${index}].role`, `must be one of ${PARTY_ROLES.join(', ')}`);
    }
    if (party.name.trim() === '') fail(`parties[${index}].name`, 'must not be empty');
    if (!COUNTRY_CODE.test(party.country)) fail(`parties[${index}].country`, 'must be an ISO 3166-1 alpha-2 code');
    if (party.country === 'US') fail(`parties[${index}].country`, 'parties are foreign: the United States is not a destination');
  });
  return errors;
}
