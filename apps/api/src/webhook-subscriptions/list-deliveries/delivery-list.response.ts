import { ApiProperty } from '@nestjs/swagger';

export class DeliveryAttemptResponse {
  @ApiProperty({ format: 'uuid', description: 'The event id, also the webhook-id header' }) eventId!: string;
  @ApiProperty({ example: 'ReviewTrackChanged' }) eventType!: string;
  @ApiProperty({ example: '42' }) position!: string;
  @ApiProperty({ description: '1 for the first attempt at this event, then 2, 3…' }) attempt!: number;
  @ApiProperty({ format: 'date-time' }) attemptedAt!: string;
  @ApiProperty({ enum: ['delivered', 'failed'] }) outcome!: 'delivered' | 'failed';
  @ApiProperty({ type: Number, nullable: true, description: 'The receiver\'s HTTP status; null when none came' }) statusCode!: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'no response within 10000 ms' }) error!: string | null;
  @ApiProperty() durationMs!: number;
}

/** GET /subscriptions/:id/deliveries. */
export class DeliveryListResponse {
  @ApiProperty({ type: [DeliveryAttemptResponse], description: 'Attempts, newest first' })
  items!: DeliveryAttemptResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor!: string | null;
}
