import { ApiProperty } from '@nestjs/swagger';
import type { Citation } from '@app/domain';
import { ApiNullableDate } from '../../shared/http/api-value.decorators';

/** Where a §126.1 change was published (OpenAPI documentation of {@link Citation}). */
export class CitationResponse implements Citation {
  @ApiProperty({
    type: String,
    nullable: true,
    example: '90 FR 29720',
    description: 'Federal Register volume and page; null where the sources do not give it',
  })
  frCitation!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '2025-12560',
    description: 'Federal Register document number; null where the sources do not give it',
  })
  frDocument!: string | null;

  @ApiNullableDate('2025-07-07', 'Publication date (YYYY-MM-DD); null where the sources do not give it')
  publishedOn!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'International Traffic in Arms Regulations: Changes to Section 126.1',
    description: 'Title of the rule or notice, when known',
  })
  title!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '90 FR 29720–29724; RIN 1400-AF83',
    description: 'Any other source reference (public notice, RIN, secondary source)',
  })
  notes!: string | null;
}
