import { ApiProperty } from '@nestjs/swagger';
import {
  EXCEPTION_CODES,
  PARTY_ROLES,
  POLICY_STATUSES,
  REVIEW_TRACKS,
  type CongressionalNotification,
  type Determination,
  type ExceptionCode,
  type PartyRole,
  type PolicyStatus,
  type ReviewTrack,
} from '@app/domain';
import { CitationResponse } from '../../country-policy/register/citation.response';
import { PolicyWarningResponse } from '../../country-policy/register/policy-warning.response';
import { ApiCount, ApiNullableDate } from '../../shared/http/api-value.decorators';

type NotificationBasis = CongressionalNotification['basis'];

/** Keyed by the union, so tsc refuses a missing or an unknown basis. */
const NOTIFICATION_BASES: Record<NotificationBasis, true> = {
  'major-defense-equipment': true,
  'defense-articles-and-services': true,
  'usml-category-i-firearms': true,
};

/** The §126.1 determination for one destination country (OpenAPI documentation of {@link Determination}). */
export class DeterminationResponse implements Determination {
  @ApiProperty({ example: 'HT', description: 'ISO 3166-1 alpha-2 code of the destination' })
  country!: string;

  @ApiProperty({
    enum: PARTY_ROLES,
   
    isArray: true,
    example: ['end-user'],
    description: 'The roles of the case parties located in this country',
  })
  roles!: PartyRole[];

  @ApiProperty({ enum: POLICY_STATUSES, description: 'The §126.1 status in force on the policy date' })
  policyStatus!: PolicyStatus;

  @ApiProperty({
    type: 'integer',
    enum: [1, 2],
    nullable: true,
    example: 2,
    description: '1 for §126.1(d)(1) (Table 1), 2 for §126.1(d)(2) (Table 2), null when not listed',
  })
  table!: 1 | 2 | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '22 CFR 126.1(d)(2) and (j)',
    description: 'The provision applied; null when not listed',
  })
  provision!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '(j)', description: "The country's own §126.1 paragraph, if it has one" })
  paragraph!: string | null;

  @ApiProperty({
    enum: EXCEPTION_CODES,
   
    nullable: true,
    example: 'un-peacekeeping',
    description: 'The first of exceptionsApplied, or null',
  })
  exceptionApplied!: ExceptionCode | null;

  @ApiProperty({
    enum: EXCEPTION_CODES,
    isArray: true,
    example: ['humanitarian-demining'],
    description:
      "Table 2: the paragraph's exceptions covering the case's end uses, when they cover every one (22 CFR 126.1(d)(2)); else empty",
  })
  exceptionsApplied!: ExceptionCode[];

  @ApiProperty({
    enum: EXCEPTION_CODES,
    isArray: true,
    example: ['government-security-forces'],
    description: "Table 2: the case's end uses no exception of the paragraph covers; any one keeps the policy of denial",
  })
  uncoveredEndUses!: ExceptionCode[];

  @ApiProperty({ enum: REVIEW_TRACKS, description: 'The review track for this destination' })
  track!: ReviewTrack;

  @ApiProperty({ type: CitationResponse, nullable: true, description: 'Where the applied entry was published; null when never listed' })
  citation!: CitationResponse | null;

  @ApiCount(4, "Version of the country's register entry used (0 when the country was never listed)")
  policyVersion!: number;

  @ApiNullableDate('2025-07-07', 'Effective date of the entry used; null when never listed')
  policyEffectiveOn!: string | null;

  @ApiNullableDate(
    null,
    'Last day of a suspension of the policy of denial running on the policy date (e.g. Cyprus), else null. ' +
      'Once a suspension lapses, the listing applies again and this is null.',
  )
  suspendedUntil!: string | null;

  @ApiProperty({
    type: [String],
    example: ['paragraph', 'exceptions'],
    description:
      'Fields of the register entry used whose facts the sources do not confirm ([M] in docs/regulation.md): the ' +
      'determination rests on them, so the officer should verify them',
  })
  unconfirmed!: string[];

  @ApiProperty({ type: [PolicyWarningResponse], description: 'Caveats on the entry used, e.g. a lapsed suspension' })
  warnings!: PolicyWarningResponse[];
}

/** §123.15 / AECA §36(c) congressional notification (OpenAPI documentation of {@link CongressionalNotification}). */
export class CongressionalNotificationResponse implements CongressionalNotification {
  @ApiProperty({ description: 'Whether the case value reaches the threshold (never for a DSP-61 temporary import)' })
  required!: boolean;

  @ApiProperty({
    required: false,
    description:
      'Whether §123.15 applies to the licence type: export licences (DSP-5, DSP-73, DSP-85) and agreements (TAA, MLA, ' +
      'WDA) yes; a DSP-61 temporary import no. Absent on cases recorded before it existed',
  })
  applicable?: boolean;

  @ApiProperty({
    example: 50000000,
    description: 'The threshold that applies to this case (the lowest among its destinations), in USD',
  })
  thresholdUsd!: number;

  @ApiProperty({ enum: Object.keys(NOTIFICATION_BASES), description: 'Which threshold applies' })
  basis!: NotificationBasis;

  @ApiProperty({
    type: 'integer',
    enum: [15, 30],
    description: '15 days for NATO, Australia, Israel, Japan, New Zealand and the Republic of Korea; 30 otherwise',
  })
  reviewPeriodDays!: 15 | 30;
}
