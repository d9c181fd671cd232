import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { isISO31661Alpha2 } from 'class-validator';
import type { Response } from 'express';
import { CurrentPrincipal } from '../../shared/auth/current-principal.decorator';
import type { Principal } from '../../shared/auth/roles';
import { Roles } from '../../shared/auth/roles.decorator';
import { CORRELATION_ID_REQUEST_HEADER, responseHeaders } from '../../shared/http/api-headers';
import { ApiProblemResponses } from '../../shared/http/api-problem-responses';
import { CorrelationId } from '../../shared/http/correlation-id';
import { Problems } from '../../shared/http/problem';
import { ApiIdempotencyKey } from '../../shared/idempotency/api-idempotency-key.decorator';
import { CurrentIdempotency, type RequestIdempotency } from '../../shared/idempotency/request-idempotency';
import { RecordStatusChangeCommand } from './record-status-change.command';
import { RecordStatusChangeRequest } from './record-status-change.request.dto';
import { RecordStatusChangeResponse, type RecordedStatusChange } from './record-status-change.response';

@ApiTags('countries')
@ApiBearerAuth()
@Controller('countries')
export class RecordStatusChangeController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':cc/status-changes')
  @HttpCode(202)
  @Roles('policy-admin')
  @ApiOperation({
    summary: "Record a change to a country's §126.1 entry and schedule the re-evaluation of its pending cases",
    description:
      'Appends one CountryStatusChanged with the next policy version of the country (`from` is the status in force ' +
      'the day before effectiveOn) and schedules the re-evaluation of the pending cases with a party in that ' +
      'country. The 202 answer names the change and its run, whose reevaluationStatus is `scheduled`: the run is ' +
      'not finished when this answers. A change effective today or in the past is re-evaluated now; one effective ' +
      'in the future is re-evaluated when it comes into force. Follow the run at the Location header.\n\n' +
      'Rules of the body: the citation needs at least the FR document number and the publication date. ' +
      'A denial-with-exceptions entry needs its paragraph; exceptions (from the closed vocabulary) only go with ' +
      'denial-with-exceptions. A suspension of the policy of denial is a not-listed entry with suspendedUntil and ' +
      'statusAfterSuspension (a listed status); it may keep its paragraph. countryName defaults to the name already ' +
      'recorded for the country, else its English name. Dates are YYYY-MM-DD.\n\n' +
      'Refusals: 400 VALIDATION_FAILED (a field on its own) or INVALID_STATUS_CHANGE (fields inconsistent with ' +
      'each other); 409 OUT_OF_ORDER_CHANGE when effectiveOn precedes the latest recorded change of the country ' +
      '(record a correction effective on or after it instead). A refused request appends nothing.',
  })
  @ApiParam({ name: 'cc', description: 'ISO 3166-1 alpha-2 code, e.g. KH (any case)' })
  @ApiHeader(CORRELATION_ID_REQUEST_HEADER)
  @ApiIdempotencyKey()
  @ApiAcceptedResponse({
    description: 'The change is recorded and its re-evaluation run scheduled',
    type: RecordStatusChangeResponse,
    headers: {
      Location: {
        description: 'Path of the re-evaluation run, /reevaluations/{reevaluationId}',
        schema: { type: 'string', format: 'uri-reference', example: '/reevaluations/0b8f8d4e-5c1a-5e36-9a43-2f0e7d6c1b55' },
      },
      ...responseHeaders('X-Correlation-Id'),
    },
  })
  // The 422 of a reused Idempotency-Key is documented by ApiIdempotencyKey.
  @ApiProblemResponses(400, 401, 403, 409, 413, 415)
  async record(
    @Param('cc') cc: string,
    @Body() body: RecordStatusChangeRequest,
    @CurrentPrincipal() principal: Principal,
    @CorrelationId() correlationId: string,
    @CurrentIdempotency() idempotency: RequestIdempotency | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RecordedStatusChange> {
    const countryCode = cc.toUpperCase();
    if (!isISO31661Alpha2(countryCode)) {
      throw Problems.validation([{ field: 'cc', message: 'must be an ISO 3166-1 alpha-2 country code' }]);
    }
    const accepted = await this.commandBus.execute(
      new RecordStatusChangeCommand(
        countryCode,
        body,
        { actor: principal.sub, correlationId, causationId: null },
        idempotency,
      ),
    );
    response.setHeader('Location', `/reevaluations/${accepted.reevaluationId}`);
    return accepted;
  }
}
