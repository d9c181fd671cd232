import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { verifyLog, type EventStore, type IntegrityReport } from '@app/infra';
import { Roles } from '../../shared/auth/roles.decorator';
import { EVENT_STORE } from '../../shared/event-store/event-store.providers';
import { responseHeaders } from '../../shared/http/api-headers';
import { ApiProblemResponses } from '../../shared/http/api-problem-responses';
import { anchorParameter, hasContiguousPositions } from '../audit-anchor';
import { IntegrityReportResponse } from '../audit.responses';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class VerifyIntegrityController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('integrity')
  @Roles('auditor')
  @ApiOperation({
    summary: 'Verifies every stream chain and every seal of the log, and optionally an anchor taken earlier',
    description:
      'Reads the whole log a page at a time, yielding between pages so the API keeps answering. See docs/audit.md.',
  })
  @ApiQuery({ name: 'anchor', required: false, description: '<hash>@<position>, as GET /audit/anchor gave it earlier' })
  @ApiOkResponse({ type: IntegrityReportResponse, headers: responseHeaders('X-Correlation-Id') })
  @ApiProblemResponses(400, 401, 403)
  verify(@Query('anchor') anchor?: string): Promise<IntegrityReport> {
    const given = anchorParameter(this.store, anchor);
    return verifyLog(this.store, { contiguousPositions: hasContiguousPositions(this.store), ...(given ? { anchor: given } : {}) });
  }
}
