/** Audit: seals, the log head (anchor) and verification, over any EventStore. */
export * from './integrity-report';
export * from './log-head';
export * from './append-seal';
export * from './verify-log';
export * from './verify-stream';
