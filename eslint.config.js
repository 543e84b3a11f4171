// @ts-check
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * The architecture as import rules: each zone names a folder (`target`) and
 * what it must never import (`from`). A line that crosses a boundary fails
 * `npm test`, so the layering cannot erode one convenient import at a time.
 */
const boundaries = [
  {
    target: './src-shared',
    from: ['./src-main', './src-renderer', './src-hub', './migrations', './test', './scripts'],
    message: 'src-shared is shared by the station, the console and the hub: it imports nothing of theirs.',
  },
  {
    target: './src-renderer',
    from: ['./src-main', './src-hub', './migrations'],
    message: 'The console talks to the station only through the typed contract (src-shared/contract).',
  },
  {
    target: './src-hub',
    from: ['./src-main', './src-renderer', './migrations/station'],
    message: 'The hub is its own server: it shares src-shared with the station, nothing else.',
  },
  {
    target: './src-main',
    from: ['./src-hub', './src-renderer', './migrations/hub'],
    message: 'The station does not import the hub or the console.',
  },
  {
    target: ['./src-main/domains', './src-main/sync', './src-main/core'],
    from: ['./src-main/listener', './src-main/transports', './src-main/runner', './src-main/electron', './src-main/cli'],
    message: 'Domains and the core know no transport, runner or shell: those depend on them, not the other way.',
  },
  {
    target: './src-main/domains',
    from: ['./src-main/core/station.ts'],
    message: 'A domain does not reach for the composition root: it is given what it needs.',
  },
  {
    target: './src-main/electron',
    except: ['./core-process.ts'],
    from: ['./src-main/core', './src-main/domains', './src-main/sync', './src-main/runner'],
    message: 'The desktop shell is thin: only the core process (core-process.ts) runs the station.',
  },
  {
    target: ['./src-renderer/kit', './src-renderer/components'],
    from: ['./src-renderer/areas'],
    message: 'The console kit and shared components serve every area: they import none of them.',
  },
  {
    target: ['./src-main', './src-hub'],
    from: ['./src-shared/password-word-lists.ts'],
    message: 'The password word lists weigh ~35 MB: the station loads them on first use (src-main/domains/accounts/word-lists.ts), never at start.',
  },
  {
    target: './migrations',
    from: ['./src-main', './src-hub', './src-renderer'],
    message: 'Migrations are frozen in time: they never import code that keeps changing.',
  },
];

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'dist/**', 'release/**', 'out/**', 'test-results/**', 'playwright-report/**', 'blob-report/**', '**/*.cjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js}'],
    plugins: { 'import-x': importX },
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: boundaries }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-console': 'off',
      // HL7 framing and the refusal of control characters in names need them in patterns
      'no-control-regex': 'off',
      eqeqeq: ['error', 'always'],
      'prefer-const': 'error',
      'no-var': 'error',
    },
  },
  {
    // frozen migrations type the database as it was: Kysely<any> is their documented shape
    files: ['migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // a migration's tests run it the way the station does, through the store; the migrations themselves still may not
    files: ['migrations/**/*.test.ts', 'migrations/**/test-support.ts'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: boundaries.filter((zone) => zone.target !== './migrations') }] },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
