import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../shared/auth/current-principal.decorator';
import { Roles } from '../../shared/auth/roles.decorator';
import type { Principal } from '../../shared/auth/roles';
import { CLOCK, type Clock } from '../../shared/clock/clock';
import { APP_CONFIG } from '../../shared/config/app-config.provider';
import type { AppConfig } from '../../shared/config/app-config';
import { ID_GENERATOR, type IdGenerator } from '../../shared/ids';
import { responseHeaders } from '../../shared/http/api-headers';
import { ApiProblemResponses } from '../../shared/http/api-problem-responses';
import { invalidPosition } from '../../event-feed/feed-problems';
import { PublicEventFeed } from '../../event-feed/public-event-feed';
import { firstForbiddenAddress } from '../ssrf-guard';
import type { Subscription } from '../subscription';
import { urlNotAllowed, urlUnresolvable } from '../subscription-problems';
import { SubscriptionRepository } from '../subscription.repository';
import { toSubscriptionResponse } from '../subscription.response';
import { newSigningSecret } from '../webhook-signature';
import { CreateSubscriptionRequest } from './create-subscription.request.dto';
import { CreatedSubscriptionResponse } from './created-subscription.response';

@ApiTags('subscriptions')
@ApiBearerAuth()
@Controller('subscriptions')
export class CreateSubscriptionController {
  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly feed: PublicEventFeed,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('policy-admin')
  @ApiOperation({
    summary: 'Registers a webhook: the public events, signed, pushed one at a time in global order (at least once)',
    description:
      'Role policy-admin: a subscription sends controlled case data to another system, an administrator\'s decision. ' +
      'The response carries the signing secret, shown once. A URL resolving to a loopback, link-local or private ' +
      'address is a 400 WEBHOOK_URL_NOT_ALLOWED unless the operator allows that range; an unknown host is a 400 ' +
      'WEBHOOK_URL_UNRESOLVABLE; a bad `after` is a 400 INVALID_POSITION.',
  })
  @ApiCreatedResponse({ type: CreatedSubscriptionResponse, headers: responseHeaders('X-Correlation-Id') })
  @ApiProblemResponses(400, 401, 403)
  async create(
    @Body() request: CreateSubscriptionRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CreatedSubscriptionResponse> {
    if (request.after !== undefined && !this.feed.isPosition(request.after)) throw invalidPosition();
    const host = new URL(request.url).hostname;
    let forbidden: string | null;
    try {
      forbidden = await firstForbiddenAddress(host, this.config.subscribers.webhooks.allowedRanges);
    } catch {
      throw urlUnresolvable(host);
    }
    if (forbidden !== null) throw urlNotAllowed(host, forbidden);

    const secret = newSigningSecret();
    const subscription: Subscription = {
      id: this.ids(),
      url: request.url,
      types: request.types ?? [],
      country: request.country ?? null,
      description: request.description ?? null,
      status: 'active',
      checkpoint: request.after ?? null,
      consecutiveFailures: 0,
      nextAttemptAt: 0,
      pausedReason: null,
      createdAt: this.clock.now().toISOString(),
      createdBy: principal.sub,
    };
    await this.subscriptions.create(subscription, secret);
    return { ...toSubscriptionResponse(subscription), secret };
  }
}
