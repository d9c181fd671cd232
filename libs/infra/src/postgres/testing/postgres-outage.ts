import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP relay in front of the test PostgreSQL, so a test can cut the server off as a network failure or a crash
 * would: `cut()` drops every open connection and refuses new ones, `restore()` lets them through again.
 */
export interface PostgresRelay {
  /** `databaseUrl`, through the relay. */
  readonly url: string;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startPostgresRelay(databaseUrl: string): Promise<PostgresRelay> {
  const target = new URL(databaseUrl);
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;

  const listen = async (): Promise<void> => {
    const relay = createServer((client) => {
      const upstream = connect(Number(target.port || 5432), target.hostname);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => undefined); // the other side is destroyed with it
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => relay.listen(port, '127.0.0.1', resolve));
    port = (relay.address() as { port: number }).port;
    server = relay;
  };
  const stop = async (): Promise<void> => {
    const relay = server;
    server = null;
    for (const socket of sockets) socket.destroy();
    if (relay !== null) await new Promise<void>((resolve) => relay.close(() => resolve()));
  };

  await listen();
  const url = new URL(databaseUrl);
  url.host = `127.0.0.1:${port}`;
  return { url: url.toString(), cut: stop, restore: listen, close: stop };
}
