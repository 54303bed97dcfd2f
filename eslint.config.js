// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const electronImport = {
  paths: [
    { name: 'electron', message: 'Only main/electron/, main/index.ts and preload/ may import electron: keep main/core plain Node.' },
  ],
  patterns: [{ group: ['electron/*'], message: 'Only main/electron/, main/index.ts and preload/ may import electron.' }],
};

const cliSessionOnly = 'CLI commands open an environment only through withCliSession (main/core/cli/cli-session.ts).';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'coverage/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
      // Everything that matters lives in main/core and must run without Electron.
      'no-restricted-imports': ['error', electronImport],
      // Dynamic import() and require() cannot slip electron in either.
      'no-restricted-syntax': [
        'error',
        { selector: "ImportExpression[source.value=/^electron(\\/|$)/]", message: 'Only main/electron/, main/index.ts and preload/ may import electron.' },
        { selector: "CallExpression[callee.name='require'][arguments.0.value=/^electron(\\/|$)/]", message: 'Only main/electron/, main/index.ts and preload/ may import electron.' },
      ],
    },
  },
  {
    files: ['main/electron/**', 'main/index.ts', 'preload/**'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    // CLI commands never open the ledger or the runtime themselves: cli-session.ts is the one way in.
    files: ['main/cli.ts', 'main/core/cli/**/*.ts'],
    ignores: ['main/core/cli/cli-session.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { regex: '(^|/)ledger(/index|/ledger)?$', importNames: ['openLedger'], allowTypeImports: true, message: cliSessionOnly },
          { regex: '(^|/)runtime/open-runtime$', importNames: ['openRuntime', 'SyncRuntime'], allowTypeImports: true, message: cliSessionOnly },
          { regex: '(^|/)app/session-host$', importNames: ['defaultSessionOpener', 'SessionHost'], allowTypeImports: true, message: cliSessionOnly },
          { group: ['better-sqlite3'], message: cliSessionOnly },
        ],
      }],
    },
  },
  {
    files: ['scripts/**/*.mjs', '*.js', '.ci/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
);
