import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of the test PostgreSQL, so a test can take "the server" away and bring it back on the same
 * address without touching the real server other suites use: `stop()` refuses new connections and cuts the open
 * ones (as a crash or a network partition would), `start()` listens again on the same port.
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private listenPort = 0;
  private commitReplyToLose = false;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** The port it listens on (chosen by the system on the first start, kept afterwards). */
  get port(): number {
    return this.listenPort;
  }

  async start(): Promise<void> {
    const server = createServer((client) => {
      const upstream = createConnection(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      // The server's reply to the COMMIT seen on this connection is to be lost (see loseNextCommitReply).
      let cutOnReply = false;
      client.on('data', (chunk: Buffer) => {
        if (this.commitReplyToLose && isCommitQuery(chunk)) {
          this.commitReplyToLose = false;
          cutOnReply = true;
        }
        upstream.write(chunk);
      });
      upstream.on('data', (chunk: Buffer) => {
        if (!cutOnReply) {
          client.write(chunk);
          return;
        }
        client.destroy();
        upstream.destroy();
      });
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.listenPort, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('The proxy has no TCP address');
    this.listenPort = address.port;
    this.server = server;
  }

  /**
   * The next COMMIT sent through the proxy reaches the server, which commits, but its answer never comes back: the
   * connection is cut instead, so the client cannot tell whether its transaction committed.
   */
  loseNextCommitReply(): void {
    this.commitReplyToLose = true;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server !== null) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** A simple-protocol Query message ('Q', its length, the text) holding exactly `COMMIT`. */
function isCommitQuery(chunk: Buffer): boolean {
  const text = chunk.indexOf('COMMIT\0');
  return text >= 5 && chunk[text - 5] === 0x51 && chunk.readInt32BE(text - 4) === 4 + 'COMMIT\0'.length;
}
