import { Controller, Get, Param, Query as QueryParam, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../../shared/auth/roles.decorator';
import { responseHeaders } from '../../shared/http/api-headers';
import { ApiProblemResponses } from '../../shared/http/api-problem-responses';
import { parseInstant } from '../../shared/http/instant';
import { etagOf, type CaseView } from '../case-view/case-view';
import { CaseViewResponse } from '../case-view/case-view.response';
import { GetApplicationQuery } from './get-application.query';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class GetApplicationController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id')
  @Roles('case-officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'One case, now or as recorded at an instant' })
  @ApiQuery({ name: 'asOf', required: false, description: 'ISO 8601 instant: the case as recorded then' })
  @ApiOkResponse({
    description: 'The case view, with ETag = revision',
    type: CaseViewResponse,
    headers: responseHeaders('ETag', 'X-Correlation-Id'),
  })
  @ApiProblemResponses(400, 401, 403, 404)
  async get(
    @Param('id') id: string,
    @Res({ passthrough: true }) response: Response,
    @QueryParam('asOf') asOf?: string,
  ): Promise<CaseView> {
    const view = await this.queryBus.execute(new GetApplicationQuery(id, parseInstant('asOf', asOf)));
    response.setHeader('ETag', etagOf(view.revision));
    return view;
  }
}
