import { ApiProperty } from '@nestjs/swagger';
import {
  CASE_STATUSES,
  EXCEPTION_CODES,
  LICENCE_TYPES,
  PARTY_ROLES,
  REVIEW_TRACKS,
  USML_CATEGORIES,
  type Applicant,
  type CaseStatus,
  type EndUseCode,
  type LicenceType,
  type Party,
  type PartyRole,
  type ReviewTrack,
  type UsmlCategory,
} from '@app/domain';
import { ApiCount } from '../../shared/http/api-value.decorators';
import type { CaseView } from './case-view';
import { CaseDecisionResponse, CaseReevaluationResponse, IssuedLicenceResponse, ReferralResponse } from './case-lifecycle.response';
import { CongressionalNotificationResponse, DeterminationResponse } from './determination.response';

export { CitationResponse } from '../../country-policy/register/citation.response';
export { CongressionalNotificationResponse, DeterminationResponse } from './determination.response';

export class ApplicantResponse implements Applicant {
  @ApiProperty({ example: 'Acme Defense Systems LLC' })
  name!: string;

  @ApiProperty({ example: 'M12345', description: 'DDTC registration code' })
  registrationCode!: string;
}

export class PartyResponse implements Party {
  @ApiProperty({ enum: PARTY_ROLES })
  role!: PartyRole;

  @ApiProperty({ example: 'Cambodian Mine Action Centre' })
  name!: string;

  @ApiProperty({ example: 'KH', description: 'ISO 3166-1 alpha-2' })
  country!: string;
}

/** The case as GET /applications/{id} and every command answer it (OpenAPI documentation of {@link CaseView}). */
export class CaseViewResponse implements CaseView {
  @ApiProperty({ format: 'uuid', example: '7c501e6f-22ff-4371-84e7-3b31bfa7c011', description: 'The application id' })
  id!: string;

  @ApiProperty({ enum: CASE_STATUSES, example: 'submitted' })
  status!: CaseStatus;

  @ApiProperty({
    enum: REVIEW_TRACKS,
   
    example: 'case-by-case',
    description: 'The most restrictive track among the determinations',
  })
  reviewTrack!: ReviewTrack;

  @ApiProperty({ enum: LICENCE_TYPES, example: 'DSP-5' })
  licenceType!: LicenceType;

  @ApiProperty({ type: ApplicantResponse })
  applicant!: ApplicantResponse;

  @ApiProperty({ enum: USML_CATEGORIES, isArray: true, example: ['XI'] })
  usmlCategories!: UsmlCategory[];

  @ApiProperty({ example: 250000, minimum: 0, description: 'Value in US dollars' })
  valueUsd!: number;

  @ApiProperty({ description: 'Major defense equipment (§120.8)' })
  majorDefenseEquipment!: boolean;

  @ApiProperty({ enum: EXCEPTION_CODES, isArray: true, example: ['humanitarian-demining'] })
  endUseCodes!: EndUseCode[];

  @ApiProperty({ example: 'Mine detection equipment for humanitarian demining' })
  description!: string;

  @ApiProperty({ type: [PartyResponse] })
  parties!: PartyResponse[];

  @ApiProperty({ format: 'date-time', example: '2025-11-10T12:00:00.000Z' })
  submittedAt!: string;

  @ApiProperty({ example: 'alice', description: "The submitting user's `sub`" })
  submittedBy!: string;

  @ApiProperty({ format: 'date', example: '2025-11-10', description: 'The date whose §126.1 register was applied' })
  policyDate!: string;

  @ApiProperty({ type: [DeterminationResponse], description: 'One per distinct party country, in order of first mention' })
  determinations!: DeterminationResponse[];

  @ApiProperty({ description: '§126.1(e): a destination is on the §126.1 list, so the duty to inform DDTC applies' })
  notificationDuty126_1e!: boolean;

  @ApiProperty({ type: CongressionalNotificationResponse })
  congressionalNotification!: CongressionalNotificationResponse;

  @ApiProperty({ nullable: true, type: String, example: 'officer-1', description: 'The assigned case officer (`sub`)' })
  assignee!: string | null;

  @ApiProperty({ type: [ReferralResponse], description: 'Staffing to other agencies, in the order referred' })
  referrals!: ReferralResponse[];

  @ApiProperty({ type: CaseDecisionResponse, nullable: true, description: 'The final action, once decided' })
  decision!: CaseDecisionResponse | null;

  @ApiProperty({ type: IssuedLicenceResponse, nullable: true, description: 'The licence, once approved' })
  licence!: IssuedLicenceResponse | null;

  @ApiProperty({
    type: [CaseReevaluationResponse],
    description: 'Re-evaluation runs that changed the review track or flagged the licence (the history has the trigger and citation)',
  })
  reevaluations!: CaseReevaluationResponse[];

  @ApiProperty({ description: 'A §126.1 tightening flagged the licence for a §126.7 review; cleared by a suspension or revocation' })
  flaggedForReview!: boolean;

  @ApiProperty({ format: 'date-time', description: 'When the case last changed (the instant of its last decision)' })
  lastChangedAt!: string;

  @ApiCount(0, "The case stream's revision (0 after submission); the ETag carries it, and If-Match takes it back")
  revision!: number;

  @ApiProperty({ format: 'date-time', example: '2025-11-10T12:00:00.012Z', description: "When the case's last event was recorded" })
  lastRecordedAt!: string;
}
