/**
 * How the port's stream names map onto the server's, and which server streams belong to this log.
 *
 * An optional `streamPrefix` is put in front of every stream name on the server, so several logs (or test runs)
 * can share one database: this log then sees only its own streams. System streams (`$…`) are never the product's.
 */

/** The stream that holds the log's identity (see EsdbEventStore.logId): a system stream, so no read sees it. */
export function logIdentityStream(streamPrefix: string): string {
  return streamPrefix === '' ? '$lcm-log' : `$lcm-log-${streamPrefix}`;
}

/** Requires a prefix that keeps the log's streams out of the system namespace. */
export function assertStreamPrefix(streamPrefix: string): void {
  if (typeof streamPrefix !== 'string' || streamPrefix.startsWith('$')) {
    throw new TypeError(`streamPrefix must be a string not starting with '$', got ${JSON.stringify(streamPrefix)}`);
  }
}

export function toServerStream(streamPrefix: string, streamName: string): string {
  return `${streamPrefix}${streamName}`;
}

/** The port name of a server stream, or `null` when the stream is not one of this log's (system, or another prefix). */
export function fromServerStream(streamPrefix: string, serverStream: string): string | null {
  if (serverStream.startsWith('$') || !serverStream.startsWith(streamPrefix)) return null;
  const name = serverStream.slice(streamPrefix.length);
  return name === '' ? null : name;
}

/**
 * The server-side stream-name filter (a .NET regex, matched anywhere unless anchored) selecting this log's streams,
 * of these categories when given (the category is the text before the first `-`, or the whole name).
 */
export function streamNameRegex(streamPrefix: string, categories?: readonly string[]): string {
  const prefix = `^${escapeRegex(streamPrefix)}`;
  if (categories === undefined) return streamPrefix === '' ? '^[^$]' : prefix;
  // No category: a pattern that matches nothing, rather than `(?:)` which would match every stream.
  if (categories.length === 0) return '(?!)';
  return `${prefix}(?:${categories.map(escapeRegex).join('|')})(?:-|$)`;
}

/** Escapes every character a .NET or ECMAScript regex gives a meaning to. */
function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}#\s-]/g, (char) => `\\${char}`);
}
