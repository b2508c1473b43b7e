// Lint rules: typescript-eslint's strict type-checked set, plus the purity bans of DESIGN §3 for
// `src/` (no clock, no randomness, no I/O, no globals, `throw` only in kernel/assert.ts, fp-ts only
// through kernel/fp.ts).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const impureGlobals = [
  { name: 'Date', message: 'src/ is pure: time arrives on commands as meta.now.' },
  { name: 'process', message: 'src/ is pure: no environment, no I/O.' },
  { name: 'console', message: 'src/ is pure: return data instead of printing it.' },
  { name: 'setTimeout', message: 'src/ is pure: time moves only through AdvanceClock.' },
  { name: 'setInterval', message: 'src/ is pure: time moves only through AdvanceClock.' },
  { name: 'fetch', message: 'src/ is pure: no network.' },
  {
    name: 'crypto',
    message: 'src/ is pure: randomness arrives on commands; hashes use @noble/hashes.',
  },
  { name: 'globalThis', message: 'src/ is pure: no globals.' },
];

export default defineConfig(
  { ignores: ['dist/', 'coverage/', 'node_modules/', 'out/', 'docs/api/', '.bench-build/'] },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: false, requireDefaultForNonUnion: false },
      ],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...impureGlobals],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message:
            'src/ is pure: random draws arrive on commands or from the seeded PRNG in the state.',
        },
        {
          object: 'Date',
          property: 'now',
          message: 'src/ is pure: time arrives on commands as meta.now.',
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ThrowStatement',
          message: 'Bad input is a Left; only kernel/assert.ts throws, for impossible states.',
        },
        {
          selector: 'SwitchStatement > SwitchCase[test=null]',
          message: 'No default in a switch over a union: let the compiler check exhaustiveness.',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'src/ has no Node built-ins.' },
            { group: ['fp-ts', 'fp-ts/*'], message: 'Import fp-ts only through kernel/fp.ts.' },
          ],
        },
      ],
    },
  },
  { files: ['**/*.js'], extends: [tseslint.configs.disableTypeChecked] },
  { files: ['src/kernel/assert.ts'], rules: { 'no-restricted-syntax': 'off' } },
  { files: ['src/kernel/fp.ts'], rules: { 'no-restricted-imports': 'off' } },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'docs/examples/**/*.ts'],
    rules: {
      // Tests and scripts assert on shapes they just built; non-null assertions there are checks.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
