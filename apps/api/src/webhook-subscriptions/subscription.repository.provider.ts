import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { APP_CONFIG } from '../shared/config/app-config.provider';
import type { AppConfig } from '../shared/config/app-config';
import { SubscriptionRepository, subscriptionsFile } from './subscription.repository';

export const subscriptionRepositoryProvider: Provider = {
  provide: SubscriptionRepository,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => {
    mkdirSync(config.dataDir, { recursive: true });
    return SubscriptionRepository.open(subscriptionsFile(config.dataDir));
  },
};

/** Closes the subscriptions file after the dispatcher has stopped. */
@Injectable()
export class SubscriptionRepositoryLifecycle implements OnApplicationShutdown {
  constructor(@Inject(SubscriptionRepository) private readonly repository: SubscriptionRepository) {}

  onApplicationShutdown(): void {
    this.repository.close();
  }
}
