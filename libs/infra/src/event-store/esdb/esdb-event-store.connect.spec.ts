import { createServer, type Server } from 'node:net';
import { StoreUnavailableError } from '../event-store.errors';
import { EsdbEventStore } from './esdb-event-store';

/** Connecting needs no server to fail: these run against ports where none listens, or one that never answers. */
describe('EsdbEventStore.connect without a reachable server', () => {
  it('fails fast with StoreUnavailableError naming the hosts, never the credentials', async () => {
    const started = Date.now();
    const error = await EsdbEventStore.connect('esdb://admin:s3cret@127.0.0.1:1?tls=false', { connectDeadlineMs: 2000 }).then(
      () => {
        throw new Error('connect resolved against a closed port');
      },
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(StoreUnavailableError);
    const unavailable = error as StoreUnavailableError;
    expect(unavailable.store).toBe('esdb://127.0.0.1:1');
    expect(unavailable.message).toContain('esdb://127.0.0.1:1');
    expect(unavailable.message).not.toContain('s3cret');
    expect(unavailable.message).not.toContain('admin');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  describe('against a port that accepts connections but never answers', () => {
    let server: Server;
    let port: number;
    const sockets = new Set<import('node:net').Socket>();

    beforeEach(async () => {
      server = createServer((socket) => sockets.add(socket));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as { port: number }).port;
    });
    afterEach(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    });

    it('gives up at the connect deadline with StoreUnavailableError', async () => {
      const started = Date.now();
      await expect(
        EsdbEventStore.connect(`esdb://127.0.0.1:${port}?tls=false`, { connectDeadlineMs: 1000 }),
      ).rejects.toBeInstanceOf(StoreUnavailableError);
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(900);
      expect(elapsed).toBeLessThan(4000);
    });
  });

  it('refuses a malformed connection string without echoing it', async () => {
    const error = await EsdbEventStore.connect('esdb://user:pa55@', {}).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).not.toContain('pa55');
  });

  it("refuses a stream prefix in the system namespace ('$')", async () => {
    await expect(EsdbEventStore.connect('esdb://127.0.0.1:1?tls=false', { streamPrefix: '$x' })).rejects.toThrow(TypeError);
  });
});
