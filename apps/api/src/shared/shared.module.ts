import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { CLOCK, systemClock, type Clock } from './clock/clock';
import { APP_CONFIG } from './config/app-config.provider';
import type { AppConfig } from './config/app-config';
import { eventStoreProviders, EVENT_STORE, EVENT_STORE_WRAPPER, type EventStoreWrapper } from './event-store/event-store.providers';
import { EventStoreLifecycle } from './event-store/event-store.lifecycle';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { QueryParamsGuard } from './http/query-params';
import { POSTGRES_POOL, postgresPoolProvider } from './postgres/postgres.providers';
import { ID_GENERATOR, randomIds, type IdGenerator } from './ids';
import { WorkerLeaseKeeper } from './leases/worker-lease-keeper';
import { workerLeasesProvider } from './leases/worker-leases.provider';
import { LifecycleState } from './operations/lifecycle-state';
import { loadOperationsConfig, OPERATIONS_CONFIG, type OperationsConfig } from './operations/operations-config';
import { AggregateRepository } from '@app/infra';
import type { DestinationStream } from 'pino';

export interface SharedModuleOptions {
  readonly config: AppConfig;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** Metrics, logs, readiness and shutdown settings; default: loadOperationsConfig's defaults. */
  readonly operations?: OperationsConfig;
  /** Where log lines go instead of stdout (tests read them). */
  readonly logDestination?: DestinationStream;
  /** Wraps the event-store adapter (tests inject faults with it). */
  readonly wrapEventStore?: EventStoreWrapper;
}

/**
 * Configuration, clock, ids, the event store, lifecycle state, authentication and error rendering for every feature;
 * and the worker leases with which one instance at a time runs each background worker.
 */
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
        { provide: OPERATIONS_CONFIG, useValue: options.operations ?? loadOperationsConfig({}) },
        { provide: EVENT_STORE_WRAPPER, useValue: options.wrapEventStore ?? null },
        LifecycleState,
        postgresPoolProvider,
        ...eventStoreProviders,
        EventStoreLifecycle,
        workerLeasesProvider,
        WorkerLeaseKeeper,
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        // After authentication (global guards run in this order): an anonymous caller learns nothing of the query.
        { provide: APP_GUARD, useClass: QueryParamsGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
      exports: [APP_CONFIG, CLOCK, ID_GENERATOR, OPERATIONS_CONFIG, LifecycleState, EVENT_STORE, AggregateRepository, POSTGRES_POOL, WorkerLeaseKeeper],
    };
  }
}
