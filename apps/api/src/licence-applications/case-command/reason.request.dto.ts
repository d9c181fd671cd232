import { ApiProperty } from '@nestjs/swagger';
import { IsText } from '../../shared/http/validators';

/** The body of a decision that must say why: deny, return without action, withdraw, suspend, revoke. */
export class ReasonRequest {
  @ApiProperty({ example: 'End user is on the Entity List', maxLength: 4000 })
  @IsText(4000)
  reason!: string;
}
