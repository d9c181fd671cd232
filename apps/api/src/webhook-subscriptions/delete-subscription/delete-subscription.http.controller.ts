import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/roles.decorator';
import { ApiProblemResponses } from '../../shared/http/api-problem-responses';
import { subscriptionNotFound } from '../subscription-problems';
import { SubscriptionRepository } from '../subscription.repository';

@ApiTags('subscriptions')
@ApiBearerAuth()
@Controller('subscriptions')
export class DeleteSubscriptionController {
  constructor(private readonly subscriptions: SubscriptionRepository) {}

  @Delete(':id')
  @HttpCode(204)
  @Roles('policy-admin')
  @ApiOperation({
    summary: 'Ends a subscription: no further deliveries; its secret and delivery log are erased',
    description: 'An attempt already in flight may still reach the receiver once.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblemResponses(401, 403, 404)
  async remove(@Param('id') id: string): Promise<void> {
    if (!(await this.subscriptions.delete(id))) throw subscriptionNotFound(id);
  }
}
