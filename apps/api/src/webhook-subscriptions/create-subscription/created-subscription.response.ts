import { ApiProperty } from '@nestjs/swagger';
import { SubscriptionResponse } from '../subscription.response';

/** POST /subscriptions: the only response that ever shows the signing secret. */
export class CreatedSubscriptionResponse extends SubscriptionResponse {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'The Standard Webhooks signing secret. Shown once: store it now; it cannot be read again',
  })
  secret!: string;
}
