import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { countryEntryView, countryHistory } from '../register/country-view';
import { PolicyRegisterReadModel } from '../register/policy-register.read-model';
import { GetCountryQuery, type CountryDetailsView } from './get-country.query';

@QueryHandler(GetCountryQuery)
export class GetCountryHandler implements IQueryHandler<GetCountryQuery> {
  constructor(private readonly register: PolicyRegisterReadModel) {}

  async execute(query: GetCountryQuery): Promise<CountryDetailsView> {
    const record = await this.register.country(query.countryCode);
    return { ...countryEntryView(query.countryCode, record, query.asOf), history: countryHistory(record) };
  }
}
