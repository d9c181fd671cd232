import type { Server } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { Logger, type INestApplication } from '@nestjs/common';
import { LifecycleState } from './lifecycle-state';

/** Share of the shutdown bound given to in-flight requests; the rest is for the re-evaluation batch and the stores. */
const DRAIN_SHARE = 0.6;
/** How often idle keep-alive connections are closed while draining (a connection goes idle when its answer is sent). */
const IDLE_SWEEP_MS = 25;

/**
 * On SIGTERM or SIGINT: {@link drainAndClose}, then re-raise the signal so the process ends as signalled. If that
 * has not happened within `timeoutMs` the process exits with code 1 anyway: every acknowledged append is already
 * durable (the store commits before a request is answered), so a forced exit loses no acknowledged write.
 */
export function installGracefulShutdown(app: INestApplication, timeoutMs: number): void {
  const logger = new Logger('Shutdown');
  const onSignal = (signal: NodeJS.Signals) => {
    process.removeListener('SIGTERM', onSignal);
    process.removeListener('SIGINT', onSignal);
    logger.log({ message: `${signal} received: draining`, signal, timeoutMs });
    const deadline = setTimeout(() => {
      logger.error({ message: `Shutdown did not finish within ${timeoutMs} ms: exiting`, timeoutMs });
      process.exit(1);
    }, timeoutMs);
    deadline.unref();
    drainAndClose(app, Math.floor(timeoutMs * DRAIN_SHARE))
      .then(() => {
        logger.log('Shutdown complete');
        process.kill(process.pid, signal);
      })
      .catch((error: unknown) => {
        logger.error({ message: `Shutdown failed: ${error instanceof Error ? error.message : String(error)}` });
        process.exit(1);
      });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/**
 * Graceful stop, in order:
 * 1. readiness answers 503 SHUTTING_DOWN (a load balancer still probing stops sending);
 * 2. the listener closes: no new connection is accepted; a request already received is served to the end, its
 *    response carries `Connection: close`, and idle keep-alive connections are closed;
 * 3. after `drainMs`, connections still busy are cut (logged);
 * 4. the application closes: the re-evaluation process manager finishes its current batch, the read models stop
 *    polling, then the event store and the idempotency store close (SQLite checkpoints its WAL).
 */
export async function drainAndClose(app: INestApplication, drainMs: number): Promise<void> {
  const logger = new Logger('Shutdown');
  app.get(LifecycleState).markShuttingDown();
  const server = app.getHttpServer() as Server;
  const closeAfterAnswer = (_request: unknown, response: { setHeader(name: string, value: string): void }) =>
    response.setHeader('Connection', 'close');
  server.prependListener('request', closeAfterAnswer);
  if (server.listening) {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const sweeper = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    server.closeIdleConnections();
    const drained = await Promise.race([closed.then(() => true), delay(drainMs, false, { ref: false })]);
    clearInterval(sweeper);
    if (!drained) {
      logger.warn({ message: `Requests still running after ${drainMs} ms: closing their connections`, drainMs });
      server.closeAllConnections();
      await closed;
    }
  }
  await app.close();
}
