import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { CLOCK, systemClock, type Clock } from './clock/clock';
import { APP_CONFIG } from './config/app-config.provider';
import type { AppConfig } from './config/app-config';
import { eventStoreProviders, EVENT_STORE } from './event-store/event-store.providers';
import { EventStoreLifecycle } from './event-store/event-store.lifecycle';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { QueryParamsGuard } from './http/query-params';
import { ID_GENERATOR, randomIds, type IdGenerator } from './ids';
import { AggregateRepository } from '@app/infra';

export interface SharedModuleOptions {
  readonly config: AppConfig;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
}

/** Configuration, clock, ids, the event store, authentication and error rendering for every feature. */
@Global()
@Module({})
export class SharedModule {
  static forRoot(options: SharedModuleOptions): DynamicModule {
    return {
      module: SharedModule,
      providers: [
        { provide: APP_CONFIG, useValue: options.config },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: ID_GENERATOR, useValue: options.ids ?? randomIds },
        ...eventStoreProviders,
        EventStoreLifecycle,
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        // After authentication (global guards run in this order): an anonymous caller learns nothing of the query.
        { provide: APP_GUARD, useClass: QueryParamsGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
      exports: [APP_CONFIG, CLOCK, ID_GENERATOR, EVENT_STORE, AggregateRepository],
    };
  }
}
