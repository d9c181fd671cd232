import { Controller, Get, Headers, Inject, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventStore } from '@app/infra';
import { Roles } from '../../shared/auth/roles.decorator';
import { CLOCK, type Clock } from '../../shared/clock/clock';
import { EVENT_STORE } from '../../shared/event-store/event-store.providers';
import { responseHeaders } from '../../shared/http/api-headers';
import { ApiProblemResponses } from '../../shared/http/api-problem-responses';
import { ReadModels } from '../../shared/read-models/read-models.service';
import { PolicyRegisterReadModel } from '../../country-policy/register/policy-register.read-model';
import { CaseDossierService } from './case-dossier.service';
import { CaseDossierResponse } from './case-dossier.response';
import { dossierHtml } from './dossier-html';
import type { CaseDossier } from './case-dossier';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('applications')
export class CaseDossierController {
  private readonly dossiers: CaseDossierService;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CLOCK) clock: Clock,
    register: PolicyRegisterReadModel,
    readModels: ReadModels,
  ) {
    this.dossiers = new CaseDossierService(store, clock, register, readModels);
  }

  @Get(':id/dossier')
  @Roles('auditor', 'supervisor')
  @ApiOperation({
    summary: "The case's audit dossier: events with metadata, determinations with the register in force, decision, runs, integrity",
    description: 'JSON by default; a printable HTML page (no scripts, escaped text) for `Accept: text/html`.',
  })
  @ApiProduces('application/json', 'text/html')
  @ApiOkResponse({ type: CaseDossierResponse, headers: responseHeaders('X-Correlation-Id') })
  @ApiProblemResponses(401, 403, 404)
  async dossier(
    @Param('id') id: string,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseDossier | string> {
    const dossier = await this.dossiers.build(id);
    if (response.req.accepts(['application/json', 'text/html']) === 'text/html' && (accept ?? '').includes('text/html')) {
      // Nothing on the page may run or load: the data is the applicant's and officers' free text.
      response.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
      response.type('text/html; charset=utf-8');
      return dossierHtml(dossier);
    }
    return dossier;
  }
}
