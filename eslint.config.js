import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      '.tmp/**',
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'data/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      // Nest injects by the constructor parameter types that decorator metadata records:
      // type-only imports of those classes would erase them, so the lint rule must know.
      parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true },
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
            {
              // Any package other than luxon, and every Node built-in (fs, crypto, node:*...).
              regex: '^(?!\\.|luxon$)',
              message:
                'domain/ is pure: it may import only domain/ files and luxon (no framework, no I/O).',
            },
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
