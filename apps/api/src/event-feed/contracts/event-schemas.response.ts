import { ApiProperty } from '@nestjs/swagger';

export class EventSchemaSummaryResponse {
  @ApiProperty({ example: 'ReviewTrackChanged' }) type!: string;
  @ApiProperty({ example: 1, description: 'Additive revision of the payload (the envelope\'s dataversion)' }) version!: number;
  @ApiProperty() description!: string;
  @ApiProperty({ format: 'uri', description: 'GET this for the JSON Schema (draft 2020-12) of the event\'s data' }) schema!: string;
}

/** GET /schemas. */
export class EventSchemaListResponse {
  @ApiProperty({ type: [EventSchemaSummaryResponse], description: 'Every public event type' })
  items!: EventSchemaSummaryResponse[];

  @ApiProperty({ format: 'uri', description: 'The AsyncAPI 3.0 document of the stream and webhook channels' })
  asyncapi!: string;
}
