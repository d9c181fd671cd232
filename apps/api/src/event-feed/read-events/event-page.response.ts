import { ApiProperty } from '@nestjs/swagger';
import { CloudEventResponse } from '../cloud-event.response';

/** GET /events. */
export class EventPageResponse {
  @ApiProperty({ type: [CloudEventResponse], description: 'Public events in global order' })
  items!: CloudEventResponse[];

  @ApiProperty({
    type: String,
    nullable: true,
    example: '42',
    description:
      'Pass as `after` for the next page. It may be past the last item (events that are not public or do not match ' +
      'were looked at too); null only when the log is empty and no `after` was given',
  })
  lastPosition!: string | null;
}
