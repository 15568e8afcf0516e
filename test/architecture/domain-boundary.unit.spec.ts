import { ESLint } from 'eslint';

// The layer rule of DESIGN.md §2 lives in eslint.config.js; this proves it bites, and that the
// real domain/ folder obeys it, so a loosened config cannot pass silently.
const eslint = new ESLint({ cwd: process.cwd() });

const boundaryViolations = async (code: string, filePath: string): Promise<string[]> => {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId?.startsWith('no-restricted'))
    .map((m) => m.ruleId ?? '');
};

describe('domain/ boundary', () => {
  it.each([
    ["import { readFileSync } from 'node:fs';", 'a Node built-in'],
    ["import { Injectable } from '@nestjs/common';", 'NestJS'],
    ["import Database from 'better-sqlite3';", 'a database driver'],
    ["import { loadConfig } from '../../src/config/app-config.js';", 'src/'],
    ["import { x } from '../../market-adapters/kpx/x.js';", 'market-adapters/'],
    ['export const now = Date.now();', 'the wall clock'],
    ['export const r = Math.random();', 'unseeded randomness'],
  ])('rejects %s (%s)', async (code) => {
    expect(await boundaryViolations(`${code}\n`, 'domain/shared/example.ts')).not.toHaveLength(0);
  });

  it('allows luxon and other domain/ files', async () => {
    const code =
      "import { DateTime } from 'luxon';\nimport { DomainError } from './domain-error.js';\nexport const x = [DateTime, DomainError];\n";
    expect(await boundaryViolations(code, 'domain/shared/example.ts')).toEqual([]);
  });

  // Linting all of domain/ with type information takes seconds, more on a loaded machine.
  it('holds for every file in domain/', async () => {
    const results = await eslint.lintFiles(['domain/**/*.ts']);
    const violations = results.flatMap((r) =>
      r.messages
        .filter((m) => m.ruleId?.startsWith('no-restricted'))
        .map((m) => `${r.filePath}:${m.line} ${m.message}`),
    );
    expect(violations).toEqual([]);
  }, 120_000);
});
