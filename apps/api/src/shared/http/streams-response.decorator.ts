import { SetMetadata } from '@nestjs/common';

export const STREAMS_RESPONSE_KEY = 'lcm:streams-response';

/**
 * Marks a handler that writes a response which does not end (a Server-Sent Events stream written to the raw
 * response, for back-pressure control, rather than through Nest's `@Sse()`), so route-wide tests such as the auth
 * matrix and the fuzzer only send it requests that are refused instead of waiting for it to finish.
 */
export const StreamsResponse = (): MethodDecorator => SetMetadata(STREAMS_RESPONSE_KEY, true);
