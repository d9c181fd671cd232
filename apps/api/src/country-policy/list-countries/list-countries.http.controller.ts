import { Controller, Get, Inject, Query as QueryParam } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '../../shared/auth/roles';
import { Roles } from '../../shared/auth/roles.decorator';
import { CLOCK, type Clock } from '../../shared/clock/clock';
import { responseHeaders } from '../../shared/http/api-headers';
import { ApiProblemResponses } from '../../shared/http/api-problem-responses';
import { CountryListResponse } from '../register/country-entry.response';
import { ApiRegisterTimeQueries, resolveRegisterTime } from '../register/register-time';
import { ListCountriesQuery } from './list-countries.query';

@ApiTags('countries')
@ApiBearerAuth()
@Controller('countries')
export class ListCountriesController {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(...ROLES)
  @ApiOperation({ summary: 'The §126.1 register: every country with a recorded entry, as in force today or on asOf' })
  @ApiRegisterTimeQueries()
  @ApiOkResponse({
    description: 'The register entries in force on asOf',
    type: CountryListResponse,
    headers: responseHeaders('X-Correlation-Id'),
  })
  @ApiProblemResponses(400, 401, 403)
  list(@QueryParam('asOf') asOf?: string, @QueryParam('knownAt') knownAt?: string) {
    const time = resolveRegisterTime(asOf, knownAt, this.clock);
    return this.queryBus.execute(new ListCountriesQuery(time.asOf, time.knownAt));
  }
}
