import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/*
 * Layers (docs/development.md, "Layout"): src/common holds leaves that import no feature; features
 * (every other folder) import common and each other, never the layers above them; src/database (the
 * entity list, migrations), src/api (the GraphQL transport) and src/web compose features; src/cli
 * and the top-level files (app.module.ts, main.ts) compose everything.
 */
const ABOVE_FEATURES = ['./src/api/**', './src/database/**', './src/web/**', './src/cli/**', './src/*.ts'];
const FEATURES = './src/!(common|api|database|web|cli)/**';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      // Relative imports name the compiled `.js`; the source beside it is `.ts`.
      'import-x/resolver-next': [createNodeResolver({ extensionAlias: { '.js': ['.ts', '.js'] } })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/common',
              from: './src',
              except: ['./common'],
              message: 'src/common imports no feature and no layer above it: move the code up or pass it in.',
            },
            {
              target: FEATURES,
              from: ABOVE_FEATURES,
              message:
                'A feature imports src/common and other features only; the database, API, web and CLI layers sit above it.',
            },
            {
              target: ['./src/api', './src/database'],
              from: ['./src/web/**', './src/cli/**', './src/*.ts'],
              message:
                'The API and database layers do not import the web pages, the CLI or the composition root.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
