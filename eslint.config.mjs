import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { configs as litConfigs } from 'eslint-plugin-lit';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'build/**', 'coverage/**', 'node_modules/**', 'e2e/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  litConfigs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
    },
  },
  {
    files: ['**/*.mjs', 'cli/**', 'scripts/**', 'e2e/**', 'bench/**', 'test-node/**', 'bin/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The e2e harness ships helper source into the page under test (page.evaluate); product code
    // under src/ never evaluates code.
    files: ['e2e/lib/**'],
    rules: { 'no-eval': 'off' },
  },
  {
    // chai assertions such as `expect(x).to.exist` are expressions by design.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    // src/core must stay free of the DOM and of Home Assistant: it also runs in Node.
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { patterns: ['lit', 'lit/*', 'home-assistant-js-websocket', 'custom-card-helpers', '../ha/*', '../cards/*', '../ui/*'] }],
    },
  },
);
