import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { trimmed } from '../../shared/http/string-transforms';
import { IsPlainIdentifier } from '../../shared/http/validators';

export class AssignCaseRequest {
  @ApiProperty({ example: 'officer-jdoe', description: "The officer's user id (the `sub` of their token)", maxLength: 200 })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsPlainIdentifier({ message: 'officerId must be a user id without spaces, control or invisible characters' })
  officerId!: string;
}
