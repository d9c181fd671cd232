import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Matches } from 'class-validator';
import { AGENCY_CODE } from '@app/domain';
import { upperCase } from '../../shared/http/string-transforms';

export class ReferCaseRequest {
  @ApiProperty({
    example: 'DTSA',
    pattern: AGENCY_CODE.source,
    description: 'The agency staffed, as an upper-case code: DTSA (DoD), STATE-DRL, …',
  })
  @Transform(upperCase)
  @IsString()
  @Matches(AGENCY_CODE, { message: 'agency must be an agency code such as DTSA or STATE-DRL' })
  agency!: string;
}
