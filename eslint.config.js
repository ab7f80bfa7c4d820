// ESLint: TypeScript rules plus the layering rules of architecture.md, enforced on every file.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const restrict = (patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: restrict([
      {
        group: ['**/main/**', '**/preload/**', '**/renderer/**'],
        message: 'src/shared imports nothing of main, preload or renderer.',
      },
      {
        group: ['node:*', 'electron', 'fs', 'path', 'os', 'crypto', 'http', 'net'],
        message: 'src/shared is pure TypeScript: no Node or Electron modules.',
      },
    ]),
  },
  {
    files: ['src/main/core/**/*.ts', 'src/main/cli/**/*.ts'],
    rules: restrict([
      {
        group: ['electron', 'electron/*', 'electron-store'],
        message: 'src/main/core and the CLI run without Electron: never import electron here.',
      },
      {
        group: ['**/electron/**', '**/renderer/**', '**/preload/**'],
        message: 'core/CLI must not import the Electron shell, the preload or the renderer.',
      },
    ]),
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: restrict([
      { group: ['**/main/**', '**/renderer/**'], message: 'The preload sees only the shared contract.' },
    ]),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict([
        {
          group: ['**/main/**', '**/preload/**'],
          message: 'The renderer never imports src/main or the preload: go through the bridge.',
        },
        {
          group: ['electron', 'electron/*', 'node:*'],
          message: 'The renderer is a sandboxed web page: no Electron or Node modules.',
        },
      ]),
      'no-restricted-globals': ['error', { name: 'require', message: 'No require in the renderer.' }],
    },
  },
  {
    files: ['src/renderer/src/**/*.{ts,tsx}'],
    ignores: ['src/renderer/src/bridge/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='window'][property.name='observer']",
          message: 'Only src/renderer/src/bridge touches window.observer.',
        },
      ],
    },
  },
  {
    files: ['tests/**/*.{ts,tsx}', 'bench/**/*.ts', 'scripts/**/*.{js,mjs}'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
