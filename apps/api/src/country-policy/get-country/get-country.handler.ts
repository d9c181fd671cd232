import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { recordKnownAt } from '../register/known-at';
import { countryEntryView, countryHistory } from '../register/country-view';
import { PolicyRegisterReadModel } from '../register/policy-register.read-model';
import { GetCountryQuery, type CountryDetailsView } from './get-country.query';

@QueryHandler(GetCountryQuery)
export class GetCountryHandler implements IQueryHandler<GetCountryQuery> {
  constructor(private readonly register: PolicyRegisterReadModel) {}

  async execute(query: GetCountryQuery): Promise<CountryDetailsView> {
    const record = recordKnownAt(await this.register.country(query.countryCode), query.knownAt);
    return { ...countryEntryView(query.countryCode, record, query.asOf, query.knownAt), history: countryHistory(record) };
  }
}
