import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/roles.decorator';
import { ApiProblemResponses } from '../../shared/http/api-problem-responses';
import { subscriptionNotFound } from '../subscription-problems';
import { SubscriptionRepository } from '../subscription.repository';
import { SubscriptionResponse, toSubscriptionResponse } from '../subscription.response';

@ApiTags('subscriptions')
@ApiBearerAuth()
@Controller('subscriptions')
export class ResumeSubscriptionController {
  constructor(private readonly subscriptions: SubscriptionRepository) {}

  @Post(':id/resume')
  @HttpCode(200)
  @Roles('policy-admin')
  @ApiOperation({
    summary: 'Resumes a subscription (paused after repeated failures): delivery goes on from its checkpoint at once',
    description: 'Nothing was lost while it was paused: the next delivery is the first event not acknowledged. Resuming an active subscription only clears its back-off.',
  })
  @ApiOkResponse({ type: SubscriptionResponse })
  @ApiProblemResponses(401, 403, 404)
  async resume(@Param('id') id: string): Promise<SubscriptionResponse> {
    if (!(await this.subscriptions.resume(id))) throw subscriptionNotFound(id);
    const resumed = await this.subscriptions.get(id);
    if (resumed === null) throw subscriptionNotFound(id); // deleted in between
    return toSubscriptionResponse(resumed);
  }
}
