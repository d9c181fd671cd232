import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SealOutcome } from '@app/infra';
import { CurrentPrincipal } from '../../shared/auth/current-principal.decorator';
import type { Principal } from '../../shared/auth/roles';
import { Roles } from '../../shared/auth/roles.decorator';
import { responseHeaders } from '../../shared/http/api-headers';
import { ApiProblemResponses } from '../../shared/http/api-problem-responses';
import { CorrelationId } from '../../shared/http/correlation-id';
import { AuditSealer } from '../audit-sealer';
import { SealOutcomeResponse } from '../audit.responses';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class SealLogController {
  constructor(private readonly sealer: AuditSealer) {}

  @Post('seals')
  @HttpCode(200)
  @Roles('auditor')
  @ApiOperation({
    summary: 'Seals the log now (by the system actor), so nothing is left unsealed before an audit',
    description: 'Appends nothing when only seals were appended since the last seal.',
  })
  @ApiOkResponse({ type: SealOutcomeResponse, headers: responseHeaders('X-Correlation-Id') })
  @ApiProblemResponses(401, 403)
  seal(@CurrentPrincipal() principal: Principal, @CorrelationId() correlationId: string): Promise<SealOutcome> {
    return this.sealer.seal('on-demand', principal.sub, correlationId);
  }
}
