import { ApiProperty } from '@nestjs/swagger';
import { IsPlainIdentifier, IsText } from '../../shared/http/validators';

export class AssignCaseRequest {
  @ApiProperty({ example: 'officer-jdoe', description: "The officer's user id (the `sub` of their token)", maxLength: 200 })
  @IsText(200)
  @IsPlainIdentifier({ message: 'officerId must be a user id without spaces, control or invisible characters' })
  officerId!: string;
}
