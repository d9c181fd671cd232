// Lint rules that enforce the architecture (see README "Layout"):
// - libs/domain is pure: no database, HTTP, framework (except @nestjs/cqrs's AggregateRoot), clock or randomness;
// - libs/infra imports nothing from apps/ and no Nest.
// (No consistent-type-imports rule: Nest's DI reads constructor types emitted as values.)
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'crypto', 'http', 'https', 'net', 'os', 'child_process', 'worker_threads', 'timers', 'perf_hooks'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'tools/**'] },
  js.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' } },
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    ignores: ['libs/domain/**/*.spec.ts', 'libs/domain/src/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@nestjs/cqrs', allowImportNames: ['AggregateRoot'], message: 'The domain uses only AggregateRoot from @nestjs/cqrs.' },
          ],
          patterns: [
            { group: ['@nestjs/common', '@nestjs/core', '@nestjs/platform-*', '@nestjs/swagger', '@nestjs/testing'], message: 'The domain is framework-free.' },
            { group: ['rxjs', 'rxjs/*', 'reflect-metadata', 'class-validator', 'class-transformer'], message: 'The domain is framework-free.' },
            { group: ['better-sqlite3', '@eventstore/*', '@kurrent/*', 'express', 'jsonwebtoken'], message: 'No database, HTTP or auth in the domain.' },
            { group: NODE_BUILTINS, message: 'No I/O, clock or randomness in the domain: pass them in.' },
            { group: ['@app/infra', '@app/infra/*', '**/apps/**', '**/libs/infra/**'], message: 'The domain depends on nothing.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'No clock in the domain: pass the time in.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'No clock in the domain: pass the time in.' },
        { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'No randomness in the domain: pass ids in.' },
        { selector: "MemberExpression[object.name='crypto']", message: 'No randomness in the domain: pass ids in.' },
        { selector: "MemberExpression[object.name='performance']", message: 'No clock in the domain.' },
      ],
    },
  },
  {
    files: ['libs/infra/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/apps/**', '@app/api', '@app/api/*'], message: 'libs/infra imports nothing from apps/.' },
            { group: ['@nestjs/*'], message: 'libs/infra stays free of Nest; wiring lives in apps/api/src/shared.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
