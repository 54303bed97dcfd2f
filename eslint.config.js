// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const electronImport = {
  paths: [{ name: 'electron', message: 'Only main/electron/, main/index.ts and preload/ may import electron: keep main/core plain Node.' }],
  patterns: [{ group: ['electron/*'], message: 'Only main/electron/, main/index.ts and preload/ may import electron.' }],
};

/**
 * Layers of main/core, lowest first: the domain (sync, ledger, qbo, por, cutover, inbox, connection, ...)
 * knows nothing of sessions, use cases, the app or the CLI, nor of the renderer's contract; a session knows no
 * use case; use cases know neither app nor CLI. test/unit/architecture keeps the folders free of cycles.
 */
const UPPER = {
  session: { group: ['**/session/*'], message: 'The domain does not know sessions: pass what it needs in.' },
  useCases: { group: ['**/use-cases/*'], message: 'Use cases sit above the session and the domain: call them from app/ or cli/.' },
  app: { group: ['**/app/*'], message: 'Only the app adapter (main/core/app) knows the app.' },
  cli: { group: ['**/cli/*'], message: 'Only the CLI adapter (main/core/cli) knows the CLI.' },
  preload: { group: ['**/preload/*'], message: "The core's domain does not import the renderer's contract; app/ adapts to it." },
};
const layer = (files, upper) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { paths: electronImport.paths, patterns: [...electronImport.patterns, ...upper] }] },
});
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
        { selector: 'ImportExpression[source.value=/^electron(\\/|$)/]', message: 'Only main/electron/, main/index.ts and preload/ may import electron.' },
        {
          selector: "CallExpression[callee.name='require'][arguments.0.value=/^electron(\\/|$)/]",
          message: 'Only main/electron/, main/index.ts and preload/ may import electron.',
        },
      ],
    },
  },
  layer(
    ['main/core/*.ts', 'main/core/{sync,ledger,qbo,por,cutover,inbox,connection,practice,log,secrets,settings,security,tray}/**'],
    [UPPER.session, UPPER.useCases, UPPER.app, UPPER.cli, UPPER.preload],
  ),
  layer(['main/core/session/**'], [UPPER.useCases, UPPER.app, UPPER.cli, UPPER.preload]),
  layer(['main/core/use-cases/**'], [UPPER.app, UPPER.cli, UPPER.preload]),
  {
    files: ['main/electron/**', 'main/index.ts', 'preload/**'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    // CLI commands never open the ledger or the runtime themselves: cli-session.ts is the one way in.
    files: ['main/cli.ts', 'main/core/cli/**/*.ts'],
    ignores: ['main/core/cli/cli-session.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)ledger(/index|/ledger)?$', importNames: ['openLedger'], allowTypeImports: true, message: cliSessionOnly },
            {
              regex: '(^|/)session/environment-session$',
              importNames: ['openEnvironmentSession', 'EnvironmentSession'],
              allowTypeImports: true,
              message: cliSessionOnly,
            },
            { regex: '(^|/)session/session-host$', importNames: ['SessionHost'], allowTypeImports: true, message: cliSessionOnly },
            { group: ['better-sqlite3'], message: cliSessionOnly },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', '*.js', '.ci/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
);
