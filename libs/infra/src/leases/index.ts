export * from './worker-leases.port';
export * from './sqlite-worker-leases';
export * from './postgres-worker-leases';
