import { ApiProperty } from '@nestjs/swagger';
import { SUBSCRIPTION_STATUSES, type Subscription, type SubscriptionStatus } from './subscription';

/** A webhook subscription as the API shows it (never with its secret). */
export class SubscriptionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uri', example: 'https://warehouse.example.com/hooks/lcm' }) url!: string;
  @ApiProperty({ type: [String], description: 'Only these public types; empty: every one' }) types!: string[];
  @ApiProperty({ type: String, nullable: true, example: 'KH', description: 'Only events about this country' }) country!: string | null;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ enum: SUBSCRIPTION_STATUSES, description: 'paused after repeated failures; POST …/resume to go on' })
  status!: SubscriptionStatus;
  @ApiProperty({ type: String, nullable: true, description: 'Position of the last event delivered or skipped by the filter' })
  checkpoint!: string | null;
  @ApiProperty({ description: 'Failed attempts since the last delivery' }) consecutiveFailures!: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'When the next attempt is due after a failure' })
  nextAttemptAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) pausedReason!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() createdBy!: string;
}

export function toSubscriptionResponse(subscription: Subscription): SubscriptionResponse {
  return {
    id: subscription.id,
    url: subscription.url,
    types: [...subscription.types],
    country: subscription.country,
    description: subscription.description,
    status: subscription.status,
    checkpoint: subscription.checkpoint,
    consecutiveFailures: subscription.consecutiveFailures,
    nextAttemptAt: subscription.nextAttemptAt > 0 ? new Date(subscription.nextAttemptAt).toISOString() : null,
    pausedReason: subscription.pausedReason,
    createdAt: subscription.createdAt,
    createdBy: subscription.createdBy,
  };
}
