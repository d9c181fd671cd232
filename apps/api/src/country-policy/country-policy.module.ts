import { Module } from '@nestjs/common';
import { GetCountryController } from './get-country/get-country.http.controller';
import { GetCountryHandler } from './get-country/get-country.handler';
import { ListCountriesController } from './list-countries/list-countries.http.controller';
import { ListCountriesHandler } from './list-countries/list-countries.handler';
import { RecordStatusChangeHandler } from './record-status-change/record-status-change.command';
import { RecordStatusChangeController } from './record-status-change/record-status-change.http.controller';
import { PolicyRegisterReadModel } from './register/policy-register.read-model';
import { RegisterSeeder } from './seed/register-seeder';

@Module({
  controllers: [ListCountriesController, GetCountryController, RecordStatusChangeController],
  providers: [PolicyRegisterReadModel, RegisterSeeder, ListCountriesHandler, GetCountryHandler, RecordStatusChangeHandler],
  exports: [PolicyRegisterReadModel],
})
export class CountryPolicyModule {}
