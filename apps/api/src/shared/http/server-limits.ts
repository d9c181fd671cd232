import type { Server } from 'node:http';

/**
 * Limits of the HTTP server itself, below the application: how long a client may take to send its headers and
 * its whole request, how long an idle keep-alive connection is kept, and how many connections are open at once.
 * Without them a client that opens connections and never finishes them (or sends a body a byte at a time) holds
 * file descriptors until the process runs out and stops answering even /health. docs/deployment.md says what a
 * reverse proxy in front should add.
 */
export interface ServerLimits {
  /** The request line and headers must arrive within this (Node's default: 60 s). */
  readonly headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this (Node's default: 300 s). A response may take longer. */
  readonly requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. Below headersTimeout, as Node requires. */
  readonly keepAliveTimeoutMs: number;
  /** Connections beyond this are closed as they arrive; keep it well below the process's file-descriptor limit. */
  readonly maxConnections: number;
  /** How often Node checks the two request timeouts (it can only enforce them this often). */
  readonly checkIntervalMs: number;
  /** Headers beyond this count are dropped (Node's default is 2000). */
  readonly maxHeadersCount: number;
}

/** Limits for a case manager's API: small JSON requests from known clients, a few hundred at a time at most. */
export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1_000,
  checkIntervalMs: 1_000,
  maxHeadersCount: 100,
};

/** Applies the limits to the server; call before `listen` (the check interval is read when listening starts). */
export function applyServerLimits(server: Server, limits: ServerLimits = DEFAULT_SERVER_LIMITS): Server {
  if (limits.keepAliveTimeoutMs >= limits.headersTimeoutMs) {
    throw new RangeError('keepAliveTimeoutMs must be below headersTimeoutMs');
  }
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  server.maxHeadersCount = limits.maxHeadersCount;
  (server as Server & { connectionsCheckingInterval?: number }).connectionsCheckingInterval = limits.checkIntervalMs;
  return server;
}
