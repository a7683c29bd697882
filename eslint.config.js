import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['dist', 'dist-cli', 'dist-lib', 'node_modules', 'test-results', 'playwright-report', 'bench/*.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Small pieces: a function longer than this says why beside it (an eslint-disable comment with the reason).
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    rules: {
      'max-lines-per-function': ['error', { max: 120, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/store/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // The core is pure: it runs in the page, in a Worker and in Node alike.
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'react', message: 'src/core is pure: no React.' },
          { name: 'react-dom', message: 'src/core is pure: no React.' },
          { name: 'zustand', message: 'src/core is pure: state lives in src/store.' },
          { name: 'plotly.js-dist-min', message: 'src/core is pure: plots live in src/ui.' },
          { name: 'idb', message: 'src/core is pure: persistence lives in src/store.' },
        ],
        patterns: [
          { group: ['**/ui/**', '**/store/**', '**/workers/**', 'react-dom/*', 'zustand/*', 'plotly.js*'], message: 'src/core may not depend on the shells.' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'window', message: 'src/core is pure: no DOM.' },
        { name: 'document', message: 'src/core is pure: no DOM.' },
        { name: 'localStorage', message: 'src/core is pure: no DOM.' },
        { name: 'navigator', message: 'src/core is pure: no DOM.' },
      ],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Seeded randomness only: take an Rng.' }],
    },
  },
  {
    // Imports run one way: core <- workers <- store <- ui (the CLI sits beside store, over core and workers).
    files: ['src/workers/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/store/**', '**/ui/**', '**/cli/**'], message: 'src/workers sits below the store, the UI and the CLI: it may import only src/core.' }] }],
      'no-restricted-syntax': ['error', { selector: "ImportExpression[source.value=/\\/(store|ui|cli)\\//]", message: 'src/workers may not load the store, the UI or the CLI, not even lazily.' }],
    },
  },
  {
    files: ['src/store/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/ui/**', '**/cli/**'], message: 'src/store sits below the UI: move what it needs into src/core (pure) or src/store.' }] }],
      'no-restricted-syntax': ['error', { selector: "ImportExpression[source.value=/\\/(ui|cli)\\//]", message: 'src/store may not load the UI or the CLI, not even lazily.' }],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/ui/**', '**/store/**'], message: 'src/cli sits beside the store, over src/core and src/workers.' }] }],
    },
  },
);
