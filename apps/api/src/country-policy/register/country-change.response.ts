import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { EXCEPTION_CODES, POLICY_STATUSES, type ExceptionCode, type PolicyStatus } from '@app/domain';
import { ApiNullableDate } from '../../shared/http/api-value.decorators';
import { CitationResponse } from './citation.response';
import type { CountryChangeView } from './country-view';

/** `exceptionsRemoved` as both a register change and a re-evaluation run's trigger show it (a fresh object each). */
export function exceptionsRemovedProperty(): ApiPropertyOptions {
  return {
    enum: EXCEPTION_CODES,
    isArray: true,
    example: [],
    description: "Exceptions the change removed from the country's Table 2 paragraph (a narrowing, flagged like a tightening)",
  };
}

/** A correction of the register's history (OpenAPI documentation of RegisterCorrection). */
export class RegisterCorrectionResponse {
  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 2,
    description: 'The recorded policy version this change replaces; null for a historical change recorded late',
  })
  supersedes!: number | null;

  @ApiProperty({ example: false, description: 'The superseded version is withdrawn and nothing replaces it (an editorial rule)' })
  withdraws!: boolean;
}

/** One recorded change of a country's §126.1 entry (OpenAPI documentation of {@link CountryChangeView}). */
export class CountryChangeResponse implements CountryChangeView {
  @ApiProperty({ format: 'uuid', example: 'c941bbc4-ab7b-5a3d-b41d-13a899d6f541', description: 'Id of the event that recorded the change' })
  changeId!: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 2, description: "The entry's version (1 for the country's first change)" })
  policyVersion!: number;

  @ApiProperty({ enum: POLICY_STATUSES, example: 'denial-with-exceptions', description: 'Status before the change' })
  from!: PolicyStatus;

  @ApiProperty({ enum: POLICY_STATUSES, example: 'denial-with-exceptions', description: 'Status from effectiveOn' })
  to!: PolicyStatus;

  @ApiProperty({ type: String, nullable: true, example: '(o)', description: "The country's §126.1 paragraph, if it has one" })
  paragraph!: string | null;

  @ApiProperty({
    enum: EXCEPTION_CODES,
   
    isArray: true,
    example: ['conventional-weapons-destruction', 'humanitarian-demining'],
    description: 'End uses reviewed case by case despite a Table 2 listing',
  })
  exceptions!: ExceptionCode[];

  @ApiNullableDate(null, 'Last day of a suspension of the policy of denial, if the change suspends it')
  suspendedUntil!: string | null;

  @ApiProperty({
    enum: POLICY_STATUSES,
   
    nullable: true,
    example: null,
    description: 'The status that applies again after suspendedUntil',
  })
  statusAfterSuspension!: PolicyStatus | null;

  @ApiProperty({ format: 'date', example: '2025-07-07', description: 'Date from which the change applies' })
  effectiveOn!: string;

  @ApiNullableDate(null, 'Date of an earlier announcement, if any')
  announcedOn!: string | null;

  @ApiProperty({ type: CitationResponse })
  citation!: CitationResponse;

  @ApiProperty({ example: 'Cambodia re-inserted in Table 2; paragraph (o) unchanged.' })
  reason!: string;

  @ApiProperty({
    type: [String],
    example: ['citation.frCitation'],
    description: 'Fields whose values the sources do not confirm (e.g. effectiveOn, paragraph, exceptions, citation.frCitation)',
  })
  unconfirmed!: string[];

  @ApiProperty(exceptionsRemovedProperty())
  exceptionsRemoved!: ExceptionCode[];

  @ApiProperty({
    type: RegisterCorrectionResponse,
    nullable: true,
    description: "Set when the change corrects the register's own history (docs/regulation.md); null for a change of the law",
  })
  correction!: RegisterCorrectionResponse | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: null,
    description: 'The policy version of the correction that superseded or withdrew this change; null while it stands',
  })
  supersededBy!: number | null;

  @ApiProperty({ format: 'date-time', example: '2025-11-10T12:00:00.012Z', description: 'When the change was recorded' })
  recordedAt!: string;

  @ApiProperty({ example: 'system:seed', description: 'Who recorded the change (a user `sub` or a system actor)' })
  recordedBy!: string;
}
