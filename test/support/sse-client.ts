import http from 'node:http';

/** One parsed Server-Sent Events message (or a comment, with `comment` set). */
export interface SseMessage {
  readonly id?: string;
  readonly event?: string;
  readonly data?: string;
  readonly comment?: string;
}

/** A minimal SSE reader over a real socket, for the stream tests. */
export class SseClient {
  readonly messages: SseMessage[] = [];
  status = 0;
  headers: http.IncomingHttpHeaders = {};
  body = '';
  ended = false;
  private request: http.ClientRequest | null = null;
  private waiters: Array<() => void> = [];

  static async open(port: number, path: string, headers: Record<string, string>): Promise<SseClient> {
    const client = new SseClient();
    await new Promise<void>((resolve, reject) => {
      client.request = http.get({ host: '127.0.0.1', port, path, headers: { Accept: 'text/event-stream', ...headers } }, (response) => {
        client.status = response.statusCode ?? 0;
        client.headers = response.headers;
        response.setEncoding('utf8');
        let buffer = '';
        response.on('data', (chunk: string) => {
          client.body += chunk;
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) !== -1) {
            client.messages.push(parse(buffer.slice(0, end)));
            buffer = buffer.slice(end + 2);
          }
          client.notify();
        });
        response.on('end', () => {
          client.ended = true;
          client.notify();
        });
        response.on('close', () => {
          client.ended = true;
          client.notify();
        });
        resolve();
      });
      client.request.on('error', reject);
    });
    return client;
  }

  /** The events (not comments) received so far. */
  events(): SseMessage[] {
    return this.messages.filter((message) => message.comment === undefined);
  }

  /** Waits until `condition` holds (or fails after `ms`). */
  async until(condition: () => boolean, ms = 20_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`SSE condition not met; received ${this.messages.length} messages`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.request?.destroy();
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

function parse(block: string): SseMessage {
  const message: { id?: string; event?: string; data?: string; comment?: string } = {};
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) message.comment = line.slice(1).trim();
    else if (line.startsWith('id: ')) message.id = line.slice(4);
    else if (line.startsWith('event: ')) message.event = line.slice(7);
    else if (line.startsWith('data: ')) message.data = (message.data === undefined ? '' : `${message.data}\n`) + line.slice(6);
  }
  return message;
}
