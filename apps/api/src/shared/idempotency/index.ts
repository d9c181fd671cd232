export { ApiIdempotencyKey } from './api-idempotency-key.decorator';
export * from './idempotency.constants';
export { IdempotencyInterceptor } from './idempotency.interceptor';
export { IdempotencyModule, idempotencyFile } from './idempotency.module';
export { IdempotencyProblems } from './idempotency.problems';
export { IdempotencyStoreLifecycle } from './idempotency-store.lifecycle';
export {
  CurrentIdempotency,
  idempotencyName,
  idempotencyOf,
  idempotencyScope,
  type IdempotentRequest,
  type RequestIdempotency,
} from './request-idempotency';
