import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CloudEvent } from './cloud-event';

/** A public event as a CloudEvents 1.0 structured JSON envelope (the schema of `data` is at `dataschema`). */
export class CloudEventResponse implements CloudEvent {
  @ApiProperty({ enum: ['1.0'] }) specversion!: '1.0';
  @ApiProperty({ format: 'uuid', description: 'The event id' }) id!: string;
  @ApiProperty({ format: 'uri', example: 'https://lcm.example.gov/events' }) source!: string;
  @ApiProperty({ example: 'ReviewTrackChanged', description: 'A public event type (GET /schemas)' }) type!: string;
  @ApiProperty({ example: 'LicenceApplication-7c501e6f-22ff-4371-84e7-3b31bfa7c011', description: 'The stream: the case, country or run' })
  subject!: string;
  @ApiProperty({ format: 'date-time', description: 'When the event was recorded' }) time!: string;
  @ApiProperty({ enum: ['application/json'] }) datacontenttype!: 'application/json';
  @ApiProperty({ format: 'uri', example: 'https://lcm.example.gov/schemas/ReviewTrackChanged' }) dataschema!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The payload; its JSON Schema is at dataschema' })
  data!: Record<string, unknown>;
  @ApiProperty({ example: '42', description: 'Global position (opaque, ordered): keep it as your checkpoint' }) position!: string;
  @ApiProperty({ example: 1, description: 'Additive revision of the payload' }) dataversion!: number;
  @ApiProperty() correlationid!: string;
  @ApiPropertyOptional({ description: 'The id of the event or request that caused this one' }) causationid?: string;
  @ApiProperty({ example: 'officer-1' }) actor!: string;
}
