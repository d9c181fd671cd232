import { ApiProperty } from '@nestjs/swagger';
import { SubscriptionResponse } from '../subscription.response';

/** GET /subscriptions. */
export class SubscriptionListResponse {
  @ApiProperty({ type: [SubscriptionResponse], description: 'Every webhook subscription, oldest first' })
  items!: SubscriptionResponse[];
}
