import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { recordKnownAt } from '../register/known-at';
import { countryEntryView } from '../register/country-view';
import { PolicyRegisterReadModel } from '../register/policy-register.read-model';
import { ListCountriesQuery } from './list-countries.query';

@QueryHandler(ListCountriesQuery)
export class ListCountriesHandler implements IQueryHandler<ListCountriesQuery> {
  constructor(private readonly register: PolicyRegisterReadModel) {}

  async execute(query: ListCountriesQuery) {
    const records = await this.register.all();
    const known = records.flatMap((record) => recordKnownAt(record, query.knownAt) ?? []);
    return { items: known.map((record) => countryEntryView(record.countryCode, record, query.asOf, query.knownAt)) };
  }
}
