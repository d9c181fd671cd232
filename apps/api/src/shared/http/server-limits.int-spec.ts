import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { applyServerLimits, DEFAULT_SERVER_LIMITS } from './server-limits';

/** The limits on a real server and real sockets, with small values so slow clients are cut off quickly. */
describe('applyServerLimits', () => {
  let server: Server;
  const sockets: Socket[] = [];

  async function listen(limits: Partial<typeof DEFAULT_SERVER_LIMITS>): Promise<number> {
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.end('ok'));
    });
    applyServerLimits(server, { ...DEFAULT_SERVER_LIMITS, checkIntervalMs: 50, ...limits });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }

  /** Opens a socket, writes `data`, and resolves with everything received once the server closes it. */
  function exchange(port: number, data: string): Promise<string> {
    return new Promise((resolve, reject) => {
      let received = '';
      const socket = connect(port, '127.0.0.1', () => socket.write(data));
      sockets.push(socket);
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('error', reject);
      socket.on('close', () => resolve(received));
    });
  }

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers 408 and closes a connection whose body never finishes (a byte, then nothing)', async () => {
    const port = await listen({ headersTimeoutMs: 300, requestTimeoutMs: 400, keepAliveTimeoutMs: 100 });
    const received = await exchange(port, 'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{');
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('closes a connection whose headers never finish', async () => {
    const port = await listen({ headersTimeoutMs: 300, requestTimeoutMs: 400, keepAliveTimeoutMs: 100 });
    const received = await exchange(port, 'GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('closes connections beyond maxConnections as they arrive, and serves the others', async () => {
    const port = await listen({ maxConnections: 2 });
    const held = await Promise.all(
      [0, 1].map(
        () =>
          new Promise<Socket>((resolve) => {
            const socket = connect(port, '127.0.0.1', () => resolve(socket));
            sockets.push(socket);
          }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await exchange(port, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n')).toBe('');
    held[0]!.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await exchange(port, 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('sets Node\'s own settings, and refuses a keep-alive timeout not below the headers timeout', () => {
    const plain = createServer();
    applyServerLimits(plain);
    expect(plain).toMatchObject({ headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000, maxConnections: 1_000, maxHeadersCount: 100 });
    expect(() => applyServerLimits(plain, { ...DEFAULT_SERVER_LIMITS, keepAliveTimeoutMs: 10_000 })).toThrow(RangeError);
    server = plain;
  });
});
