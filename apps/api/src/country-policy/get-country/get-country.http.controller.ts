import { Controller, Get, Inject, Param, Query as QueryParam } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { isISO31661Alpha2 } from 'class-validator';
import { ROLES } from '../../shared/auth/roles';
import { Roles } from '../../shared/auth/roles.decorator';
import { CLOCK, type Clock } from '../../shared/clock/clock';
import { responseHeaders } from '../../shared/http/api-headers';
import { ApiProblemResponses } from '../../shared/http/api-problem-responses';
import { Problems } from '../../shared/http/problem';
import { CountryDetailsResponse } from '../register/country-entry.response';
import { ApiRegisterTimeQueries, resolveRegisterTime } from '../register/register-time';
import { GetCountryQuery } from './get-country.query';

@ApiTags('countries')
@ApiBearerAuth()
@Controller('countries')
export class GetCountryController {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':cc')
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'One country: its entry in force (today or on asOf), changes pending in the future, and its full history',
    description: 'A valid country that was never listed answers not-listed with policyVersion 0 and an empty history.',
  })
  @ApiParam({ name: 'cc', description: 'ISO 3166-1 alpha-2 code, e.g. KH' })
  @ApiRegisterTimeQueries()
  @ApiOkResponse({
    description: 'The entry in force on asOf, with pending changes and the full history',
    type: CountryDetailsResponse,
    headers: responseHeaders('X-Correlation-Id'),
  })
  @ApiProblemResponses(400, 401, 403)
  get(@Param('cc') cc: string, @QueryParam('asOf') asOf?: string, @QueryParam('knownAt') knownAt?: string) {
    const countryCode = cc.toUpperCase();
    if (!isISO31661Alpha2(countryCode)) {
      throw Problems.validation([{ field: 'cc', message: 'must be an ISO 3166-1 alpha-2 country code' }]);
    }
    const time = resolveRegisterTime(asOf, knownAt, this.clock);
    return this.queryBus.execute(new GetCountryQuery(countryCode, time.asOf, time.knownAt));
  }
}
