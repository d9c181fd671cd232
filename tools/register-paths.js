// Resolves the path aliases of tsconfig.json (its `paths`, where they are declared once) against the compiled
// output in dist/, so the built server runs with plain `node` (tsc does not rewrite path aliases).
const path = require('node:path');
const { loadConfig, register } = require('tsconfig-paths');

const root = path.resolve(__dirname, '..');
const tsconfig = loadConfig(root);
if (tsconfig.resultType !== 'success') throw new Error(`tools/register-paths.js: ${tsconfig.message}`);
register({ baseUrl: path.join(root, 'dist', path.relative(root, tsconfig.absoluteBaseUrl)), paths: tsconfig.paths });
