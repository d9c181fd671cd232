import { Controller, Get, Inject, Query as QueryParam } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ROLES } from '../../shared/auth/roles';
import { Roles } from '../../shared/auth/roles.decorator';
import { CLOCK, type Clock } from '../../shared/clock/clock';
import { responseHeaders } from '../../shared/http/api-headers';
import { ApiProblemResponses } from '../../shared/http/api-problem-responses';
import { parseInstant } from '../../shared/http/instant';
import { resolveAsOfDate } from '../register/as-of-date';
import { CountryListResponse } from '../register/country-entry.response';
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
  @ApiQuery({ name: 'asOf', required: false, description: 'Date (YYYY-MM-DD): the status in force on that date' })
  @ApiQuery({
    name: 'knownAt',
    required: false,
    description: 'ISO 8601 instant (recorded time): the register as it was known then, ignoring changes recorded later',
  })
  @ApiOkResponse({
    description: 'The register entries in force on asOf',
    type: CountryListResponse,
    headers: responseHeaders('X-Correlation-Id'),
  })
  @ApiProblemResponses(400, 401, 403)
  list(@QueryParam('asOf') asOf?: string, @QueryParam('knownAt') knownAt?: string) {
    const known = parseInstant('knownAt', knownAt) ?? null;
    return this.queryBus.execute(new ListCountriesQuery(resolveAsOfDate(asOf, this.clock), known));
  }
}
