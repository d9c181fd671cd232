export * from './postgres-pool';
export * from './postgres-migrations';
export * from './postgres-errors';
