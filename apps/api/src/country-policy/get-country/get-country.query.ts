import { Query } from '@nestjs/cqrs';
import type { CountryChangeView, CountryEntryView } from '../register/country-view';

export type CountryDetailsView = CountryEntryView & { history: CountryChangeView[] };

export class GetCountryQuery extends Query<CountryDetailsView> {
  constructor(
    readonly countryCode: string,
    readonly asOf: string,
    readonly knownAt: string | null = null,
  ) {
    super();
  }
}
