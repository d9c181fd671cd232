export * from './postgres-pool';
export * from './postgres-migrations';
