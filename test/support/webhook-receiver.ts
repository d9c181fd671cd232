import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type ReceiverAnswer = 'ok' | 'fail' | 'hang';

export interface ReceivedWebhook {
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  readonly answer: ReceiverAnswer;
}

/**
 * A real HTTP receiver on 127.0.0.1 for the webhook tests. `plan` decides each answer in turn: 200, 500, or no
 * answer at all (the sender's timeout must fire). Records every request it got.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly sockets = new Set<Socket>();
  private constructor(
    private readonly server: http.Server,
    public plan: (index: number) => ReceiverAnswer,
  ) {}

  static async start(plan: (index: number) => ReceiverAnswer = () => 'ok'): Promise<WebhookReceiver> {
    const server = http.createServer();
    const receiver = new WebhookReceiver(server, plan);
    server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        const answer = receiver.plan(receiver.received.length);
        receiver.received.push({ headers: request.headers, body, answer });
        if (answer === 'ok') response.writeHead(204).end();
        else if (answer === 'fail') response.writeHead(500, { 'Content-Type': 'text/plain' }).end('receiver down');
      });
    });
    server.on('connection', (socket) => {
      receiver.sockets.add(socket);
      socket.on('close', () => receiver.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/lcm`;
  }

  /** The webhook-ids the receiver acknowledged, in the order it acknowledged them. */
  acknowledgedIds(): string[] {
    return this.received.filter((request) => request.answer === 'ok').map((request) => String(request.headers['webhook-id']));
  }

  async until(condition: () => boolean, ms = 20_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`Receiver condition not met; ${this.received.length} requests received`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
