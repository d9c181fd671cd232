import { ApiProperty } from '@nestjs/swagger';
import type { PolicyWarning } from '@app/domain';

/** A caveat on the register entry used (OpenAPI documentation of {@link PolicyWarning}). */
export class PolicyWarningResponse implements PolicyWarning {
  @ApiProperty({ enum: ['SUSPENSION_RENEWAL_MAY_BE_MISSING'], description: 'Stable code of the caveat' })
  code!: 'SUSPENSION_RENEWAL_MAY_BE_MISSING';

  @ApiProperty({
    example:
      'The suspension ended on 2026-09-30. It is usually renewed each fiscal year (NDAA FY2020 §1250A(d)); a renewal may be missing from the register: check the Federal Register.',
  })
  message!: string;
}
