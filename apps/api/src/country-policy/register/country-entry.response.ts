import { type QueryResult } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { EXCEPTION_CODES, POLICY_STATUSES, type ExceptionCode, type PolicyStatus } from '@app/domain';
import type { CountryDetailsView } from '../get-country/get-country.query';
import type { ListCountriesQuery } from '../list-countries/list-countries.query';
import { ApiCount, ApiNullableDate } from '../../shared/http/api-value.decorators';
import { CitationResponse } from './citation.response';
import { PolicyWarningResponse } from './policy-warning.response';
import { CountryChangeResponse } from './country-change.response';
import type { CountryEntryView } from './country-view';

export { CitationResponse } from './citation.response';
export { CountryChangeResponse } from './country-change.response';

/** A country's §126.1 entry in force on a date (OpenAPI documentation of {@link CountryEntryView}). */
export class CountryEntryResponse implements CountryEntryView {
  @ApiProperty({ example: 'CY', description: 'ISO 3166-1 alpha-2' })
  countryCode!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Cyprus', description: 'Null for a country never listed' })
  countryName!: string | null;

  @ApiProperty({ format: 'date', example: '2026-01-01', description: 'The date the entry is shown for (today unless asOf)' })
  asOf!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    example: '2025-10-15T23:59:59.999Z',
    description: 'The recorded-time cut (knownAt): the register as it was known then; null for everything recorded',
  })
  knownAt!: string | null;

  @ApiProperty({
    enum: POLICY_STATUSES,
   
    example: 'not-listed',
    description: 'Status in force on asOf (not-listed while a suspension of the denial runs)',
  })
  status!: PolicyStatus;

  @ApiProperty({
    type: 'integer',
    enum: [1, 2],
    nullable: true,
    example: null,
    description: '1 for §126.1(d)(1) (Table 1), 2 for §126.1(d)(2) (Table 2), null when not listed',
  })
  table!: 1 | 2 | null;

  @ApiProperty({ type: String, nullable: true, example: '(r)', description: "The country's §126.1 paragraph, if it has one" })
  paragraph!: string | null;

  @ApiProperty({
    enum: EXCEPTION_CODES,
   
    isArray: true,
    example: [],
    description: 'End uses reviewed case by case (Table 2 only)',
  })
  exceptions!: ExceptionCode[];

  @ApiProperty({ example: true, description: "Whether a suspension of the country's policy of denial is in force on asOf" })
  suspended!: boolean;

  @ApiNullableDate('2026-09-30', 'Last day of the suspension in force on asOf, else null')
  suspendedUntil!: string | null;

  @ApiCount(7, 'Version of the entry in force (0: never listed)')
  policyVersion!: number;

  @ApiNullableDate('2025-10-01', 'Effective date of the entry in force')
  effectiveOn!: string | null;

  @ApiProperty({ type: CitationResponse, nullable: true, description: 'Where the entry in force was published' })
  citation!: CitationResponse | null;

  @ApiProperty({ type: String, nullable: true, example: 'Suspension of the policy of denial renewed for FY2026.' })
  reason!: string | null;

  @ApiProperty({
    type: [String],
    example: ['paragraph', 'citation.frCitation'],
    description: 'Fields of the entry in force whose values the sources do not confirm',
  })
  unconfirmed!: string[];

  @ApiProperty({
    type: [PolicyWarningResponse],
    description: 'Caveats on the entry in force: e.g. a suspension that lapsed with no renewal recorded (usually renewed each fiscal year)',
  })
  warnings!: PolicyWarningResponse[];

  @ApiProperty({ type: [CountryChangeResponse], description: 'Changes recorded but effective after asOf, by effective date' })
  pending!: CountryChangeResponse[];
}

/** GET /countries/{cc}: the entry in force plus the country's full history. */
export class CountryDetailsResponse extends CountryEntryResponse implements CountryDetailsView {
  @ApiProperty({ type: [CountryChangeResponse], description: 'Every recorded change, in order of policyVersion' })
  history!: CountryChangeResponse[];
}

/** GET /countries. */
export class CountryListResponse implements QueryResult<ListCountriesQuery> {
  @ApiProperty({ type: [CountryEntryResponse], description: 'Every country with a recorded entry, by country code' })
  items!: CountryEntryResponse[];
}
