export * from './postgres-projection-driver';
