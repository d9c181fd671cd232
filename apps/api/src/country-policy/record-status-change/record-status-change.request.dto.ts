import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { EXCEPTION_CODES, isCalendarDate, POLICY_STATUSES, type ExceptionCode, type PolicyStatus } from '@app/domain';
import { trimmed, upperCase } from '../../shared/http/string-transforms';
import { IsPlainIdentifier, IsText, UniqueItems } from '../../shared/http/validators';

/** A real calendar date `YYYY-MM-DD` (so 2025-02-30 is refused, which a bare pattern would let through). */
function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => isCalendarDate(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a date (YYYY-MM-DD)`,
      },
    },
    options,
  );
}

/**
 * Where the change was published. A policy administrator records a change from its Federal Register
 * document, so the document number and the publication date are both required here, unlike the seed, whose
 * older entries rest on sources that give neither.
 */
export class StatusChangeCitationRequest {
  @ApiProperty({ example: '2025-19822', description: 'Federal Register document number', maxLength: 32 })
  @Transform(upperCase)
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  @Matches(/^[A-Z0-9]+(-[A-Z0-9]+)+$/, {
    message: 'frDocument must be a Federal Register document number such as 2025-19822',
  })
  frDocument!: string;

  @ApiProperty({ example: '2025-11-07', format: 'date', description: 'Publication date in the Federal Register' })
  @IsCalendarDate()
  publishedOn!: string;

  @ApiPropertyOptional({ example: '90 FR 50123', description: 'Federal Register volume and page, when known', maxLength: 100 })
  @IsOptional()
  @IsText(100)
  frCitation?: string;

  @ApiPropertyOptional({
    example: 'International Traffic in Arms Regulations: Removal of Cambodia From Section 126.1',
    maxLength: 500,
  })
  @IsOptional()
  @IsText(500)
  title?: string;

  @ApiPropertyOptional({ example: 'RIN 1400-AF99', description: 'Any other source reference', maxLength: 2000 })
  @IsOptional()
  @IsText(2000)
  notes?: string;
}

/**
 * A change to a country's §126.1 entry. The DTO checks each field on its own; the consistency rules between
 * them (exceptions only on denial-with-exceptions, its paragraph, the shape of a suspension) and the order
 * of changes are the domain's, so they hold for the seed as well.
 */
export class RecordStatusChangeRequest {
  @ApiProperty({
    enum: POLICY_STATUSES,
    example: 'denial-with-exceptions',
    description: 'denial (Table 1), denial-with-exceptions (Table 2, with its paragraph) or not-listed',
  })
  @IsIn(POLICY_STATUSES, { message: `status must be one of ${POLICY_STATUSES.join(', ')}` })
  status!: PolicyStatus;

  @ApiPropertyOptional({
    example: '(o)',
    description:
      "The country's §126.1 paragraph: required for denial-with-exceptions, allowed on not-listed only for a suspension",
    maxLength: 16,
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(16)
  @IsPlainIdentifier()
  paragraph?: string;

  @ApiPropertyOptional({
    enum: EXCEPTION_CODES,
    isArray: true,
    default: [],
    example: ['conventional-weapons-destruction', 'humanitarian-demining'],
    description: 'End uses reviewed case by case despite the listing; only on denial-with-exceptions',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(EXCEPTION_CODES.length)
  @UniqueItems()
  @IsIn(EXCEPTION_CODES, { each: true, message: `each exception must be one of ${EXCEPTION_CODES.join(', ')}` })
  exceptions?: ExceptionCode[];

  @ApiProperty({ type: StatusChangeCitationRequest, description: 'At least the FR document number and publication date' })
  @IsDefined()
  @ValidateNested()
  @Type(() => StatusChangeCitationRequest)
  citation!: StatusChangeCitationRequest;

  @ApiProperty({
    example: '2025-11-07',
    format: 'date',
    description: 'When the change applies in law. Not before the latest recorded change of the country.',
  })
  @IsCalendarDate()
  effectiveOn!: string;

  @ApiPropertyOptional({ example: '2025-11-05', format: 'date', description: 'Date of an earlier announcement, if any' })
  @IsOptional()
  @IsCalendarDate()
  announcedOn?: string;

  @ApiProperty({ example: 'Removed from §126.1; licence requests are reviewed case by case.', maxLength: 4000 })
  @IsText(4000)
  reason!: string;

  @ApiPropertyOptional({
    example: 'Cambodia',
    maxLength: 100,
    description: 'Defaults to the name already recorded for the country, else its English name',
  })
  @IsOptional()
  @IsText(100)
  countryName?: string;

  @ApiPropertyOptional({
    example: '2027-09-30',
    format: 'date',
    description: 'Last day of a suspension of the policy of denial (a not-listed entry; with statusAfterSuspension)',
  })
  @IsOptional()
  @IsCalendarDate()
  suspendedUntil?: string;

  @ApiPropertyOptional({
    enum: POLICY_STATUSES,
    example: 'denial-with-exceptions',
    description: 'The listed status that applies again after suspendedUntil',
  })
  @IsOptional()
  @IsIn(POLICY_STATUSES, { message: `statusAfterSuspension must be one of ${POLICY_STATUSES.join(', ')}` })
  statusAfterSuspension?: PolicyStatus;
}
