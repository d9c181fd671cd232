import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/roles.decorator';
import { ApiProblemResponses } from '../../shared/http/api-problem-responses';
import { subscriptionNotFound } from '../subscription-problems';
import { SubscriptionRepository } from '../subscription.repository';
import { SubscriptionResponse, toSubscriptionResponse } from '../subscription.response';
import { SubscriptionListResponse } from './subscription-list.response';

@ApiTags('subscriptions')
@ApiBearerAuth()
@Controller('subscriptions')
export class ViewSubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionRepository) {}

  @Get()
  @Roles('policy-admin', 'subscriber', 'auditor')
  @ApiOperation({ summary: 'The webhook subscriptions (without their secrets)' })
  @ApiOkResponse({ type: SubscriptionListResponse })
  @ApiProblemResponses(401, 403)
  async list(): Promise<SubscriptionListResponse> {
    return { items: (await this.subscriptions.list()).map(toSubscriptionResponse) };
  }

  @Get(':id')
  @Roles('policy-admin', 'subscriber', 'auditor')
  @ApiOperation({ summary: 'One subscription: status (active or paused, and why), checkpoint, failures, next attempt' })
  @ApiOkResponse({ type: SubscriptionResponse })
  @ApiProblemResponses(401, 403, 404)
  async get(@Param('id') id: string): Promise<SubscriptionResponse> {
    const subscription = await this.subscriptions.get(id);
    if (subscription === null) throw subscriptionNotFound(id);
    return toSubscriptionResponse(subscription);
  }
}
