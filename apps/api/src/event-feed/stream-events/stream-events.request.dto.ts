import { FeedPositionRequest } from '../feed-request.dto';

/** The query string of GET /events/stream: `after` (overridden by a Last-Event-ID header), `types`, `subject`. */
export class StreamEventsRequest extends FeedPositionRequest {}
