export * from './postgres-projection-driver';
export * from './postgres-projection-specification';
