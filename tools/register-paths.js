// Resolves the @app/* aliases of tsconfig.json against the compiled output in dist/, so the
// built server runs with plain `node` (tsc does not rewrite path aliases).
const path = require('node:path');
const { register } = require('tsconfig-paths');

const dist = path.resolve(__dirname, '..', 'dist');
register({
  baseUrl: dist,
  paths: {
    '@app/domain': ['libs/domain/src'],
    '@app/domain/*': ['libs/domain/src/*'],
    '@app/infra': ['libs/infra/src'],
    '@app/infra/*': ['libs/infra/src/*'],
  },
});
