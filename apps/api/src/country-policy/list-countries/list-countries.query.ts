import { Query } from '@nestjs/cqrs';
import type { CountryEntryView } from '../register/country-view';

export class ListCountriesQuery extends Query<{ items: CountryEntryView[] }> {
  constructor(
    readonly asOf: string,
    readonly knownAt: string | null = null,
  ) {
    super();
  }
}
