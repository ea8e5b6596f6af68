// Layer rules keep the picture in ARCHITECTURE.md true: shared/ is pure, renderer/ reaches the core only
// through the contract, db/ never knows about a door.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'http',
  'child_process',
  'worker_threads',
  'url',
];
const restrict = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', '.cache/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.{ts,tsx}'],
    rules: restrict(
      [
        ...nodeBuiltins,
        'electron',
        'electron/*',
        'react',
        'react-dom',
        'react/*',
        'better-sqlite3',
        '**/db/**',
        '**/electron/**',
        '**/renderer/**',
        '**/cli/**',
      ],
      'shared/ is pure TypeScript: no node, electron, react or other layers.',
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: restrict(
      ['**/db/**', '**/cli/**', '**/electron/**', 'electron', 'better-sqlite3', ...nodeBuiltins],
      'renderer/ reaches the core only through the api client and shared/.',
    ),
  },
  {
    files: ['db/**/*.ts'],
    rules: restrict(
      ['electron', 'electron/*', '**/electron/**', '**/renderer/**', '**/cli/**', 'react', 'react-dom'],
      'db/ never imports a door or the UI.',
    ),
  },
  {
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  prettier,
);
