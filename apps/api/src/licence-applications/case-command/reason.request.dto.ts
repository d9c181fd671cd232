import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { trimmed } from '../../shared/http/string-transforms';

/** The body of a decision that must say why: deny, return without action, withdraw, suspend, revoke. */
export class ReasonRequest {
  @ApiProperty({ example: 'End user is on the Entity List', maxLength: 4000 })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  reason!: string;
}
