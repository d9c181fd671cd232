import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../../shared/auth/current-principal.decorator';
import type { Principal } from '../../shared/auth/roles';
import { Roles } from '../../shared/auth/roles.decorator';
import { CORRELATION_ID_REQUEST_HEADER, responseHeaders } from '../../shared/http/api-headers';
import { ApiProblemResponses } from '../../shared/http/api-problem-responses';
import { CorrelationId } from '../../shared/http/correlation-id';
import { ApiIdempotencyKey } from '../../shared/idempotency/api-idempotency-key.decorator';
import { CurrentIdempotency, type RequestIdempotency } from '../../shared/idempotency/request-idempotency';
import { etagOf, type CaseView } from '../case-view/case-view';
import { CaseViewResponse } from '../case-view/case-view.response';
import { SubmitApplicationCommand } from './submit-application.command';
import { SubmitApplicationRequest } from './submit-application.request.dto';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class SubmitApplicationController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('intake', 'case-officer')
  @ApiOperation({
    summary: 'Submit a licence application',
    description:
      'Opens a case and determines every foreign party country against the §126.1 register in force today. ' +
      'The review track is the most restrictive determination. Answers the case view with Location and ETag.',
  })
  @ApiHeader(CORRELATION_ID_REQUEST_HEADER)
  @ApiIdempotencyKey()
  @ApiCreatedResponse({
    description: 'The case view',
    type: CaseViewResponse,
    headers: responseHeaders('Location', 'ETag', 'X-Correlation-Id'),
  })
  @ApiProblemResponses(400, 401, 403, 413, 415)
  async submit(
    @Body() body: SubmitApplicationRequest,
    @CurrentPrincipal() principal: Principal,
    @CorrelationId() correlationId: string,
    @CurrentIdempotency() idempotency: RequestIdempotency | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseView> {
    const view = await this.commandBus.execute(
      new SubmitApplicationCommand(body, { actor: principal.sub, correlationId, causationId: null }, idempotency),
    );
    response.setHeader('Location', `/applications/${view.id}`);
    response.setHeader('ETag', etagOf(view.revision));
    return view;
  }
}
