/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS config file: require is how it imports */
const { pathsToModuleNameMapper } = require('ts-jest');
const { loadConfig } = require('tsconfig-paths');

/**
 * Jest runs in CommonJS mode through ts-jest (NestJS 11 line; see README "Why NestJS 11").
 * Two projects: fast unit/integration specs next to the code, and black-box e2e specs in test/.
 */

// The path aliases are declared once, in tsconfig.json `paths` (tools/register-paths.js maps them onto dist/).
const tsconfig = loadConfig(__dirname);
const moduleNameMapper = pathsToModuleNameMapper(tsconfig.paths, { prefix: `${tsconfig.absoluteBaseUrl}/` });
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', isolatedModules: false }] };

module.exports = {
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      moduleFileExtensions: ['ts', 'js', 'json'],
      testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/{apps,libs}/**/*.int-spec.ts'],
      transform,
      moduleNameMapper,
    },
    {
      displayName: 'e2e',
      rootDir: __dirname,
      testEnvironment: 'node',
      moduleFileExtensions: ['ts', 'js', 'json'],
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      transform,
      moduleNameMapper,
    },
  ],
  // A global option: Jest ignores it inside a project. e2e tests start real servers (and run the seed's
  // re-evaluations), which takes a few seconds on a busy 2-core machine.
  testTimeout: 60000,
  // Whether the PostgreSQL suites run or report themselves skipped (tools/jest-postgres-setup.js).
  globalSetup: '<rootDir>/tools/jest-postgres-setup.js',
  globalTeardown: '<rootDir>/tools/jest-postgres-teardown.js',
};
