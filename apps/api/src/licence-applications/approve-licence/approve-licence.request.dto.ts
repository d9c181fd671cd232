import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { ProvisosProperty } from '../case-command/provisos';

export class ApproveLicenceRequest {
  @ProvisosProperty('The provisos the licence is approved with (none: approved as submitted)')
  provisos?: string[];

  @ApiPropertyOptional({
    example: '2029-11-29',
    format: 'date',
    description:
      'Last day the licence is valid. Optional for DSP-5/61/73/85 (default and maximum: four years from approval); ' +
      'required for agreements (TAA, MLA, WDA): the term the agreement states.',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validUntil must be a date YYYY-MM-DD' })
  validUntil?: string;
}
