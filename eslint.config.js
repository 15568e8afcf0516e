import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

// Node built-ins and libraries that do I/O: none of them may appear in domain/.
const ioModules = [
  'fs',
  'fs/*',
  'path',
  'net',
  'http',
  'https',
  'http2',
  'child_process',
  'worker_threads',
  'dgram',
  'dns',
  'os',
  'crypto',
  'stream',
  'readline',
  'cluster',
  'tls',
  'process',
  'node:*',
  'better-sqlite3',
  'ioredis',
  'bullmq',
  '@eventstore/*',
  '@grpc/*',
  'mqtt',
  'glpk.js',
  'glpk.js/*',
  'highs',
  'express',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        URL: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        structuredClone: 'readonly',
        queueMicrotask: 'readonly',
        fetch: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The domain layer is pure: no framework, no I/O, no other project layer (DESIGN.md §2).
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/**', '**/market-adapters/**', '**/test/**', '**/bench/**'],
              message: 'domain/ imports nothing outside domain/ (DESIGN.md §2).',
            },
            { group: ['@nestjs/*'], message: 'domain/ is framework-free.' },
            { group: ioModules, message: 'domain/ does no I/O.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'domain/ takes time from commands, not a clock.' },
        { name: 'fetch', message: 'domain/ does no I/O.' },
        { name: 'process', message: 'domain/ reads no environment.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use a seeded generator.' },
      ],
    },
  },
  {
    // market-adapters may use domain/ but never the NestJS application in src/.
    files: ['market-adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/src/**'], message: 'market-adapters/ import only domain/.' }] },
      ],
    },
  },
  prettier,
);
