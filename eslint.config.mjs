// Lint: promises must be awaited (a floating promise in a workflow or handler loses errors),
// and workflow code may not import Node built-ins (workflows run in Temporal's deterministic sandbox).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', '.data', '.tools', '.cache', 'modeler/dist', 'migrations', 'coverage', '**/*.mjs', 'jest.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // The web app's modules are type-checked against modeler/tsconfig.json, the nearest one (projectService).
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Plain CommonJS loaded with `node --require` (worker/sandbox-without-promise-stacks.cjs).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: nodeBuiltins.map((name) => ({ name, message: 'Workflow code is deterministic: no Node built-ins.' })) }],
    },
  },
  // Layers import downwards only (domain ← db ← activities ← workflows' activity types; api, worker and runtime on
  // top), so the hot path has no import circles. A workflow may name its activities' types, never their code.
  ...[
    { layer: 'domain', above: ['db', 'api', 'activities', 'worker', 'runtime', 'workflows', 'audit'] },
    { layer: 'db', above: ['api', 'activities', 'worker', 'runtime', 'workflows', 'audit'] },
    { layer: 'activities', above: ['api', 'worker', 'runtime', 'workflows'] },
    { layer: 'audit', above: ['api', 'worker', 'runtime', 'workflows'] },
    { layer: 'workflows', above: ['db', 'api', 'activities', 'worker', 'runtime', 'audit'] },
  ].map(({ layer, above }) => ({
    files: [`${layer}/**/*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{
          regex: `^(\\.\\./)+(${above.join('|')})(/|$)`,
          allowTypeImports: layer === 'workflows',
          message: `${layer}/ sits below ${above.join(', ')}: import downwards only (ARCHITECTURE's layers).`,
        }],
      }],
    },
  })),
);
