import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGridfolio } from '../../../../support/run-gridfolio.js';
import { bookOfCase, expectCaseMet, vectorFile } from './assume-complex-vectors.js';

/** `gridfolio market clear` with the complex mechanism, through the real CLI and glpk.js worker. */
describe('gridfolio market clear (complex)', () => {
  let dir: string;
  const write = (name: string, value: unknown): string => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(value));
    return file;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gridfolio-complex-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('clears two zones joined by a full link and a block, and prints the result as JSON', async () => {
    // ASSUME's two-node case (market_clearing_assume_complex.json) for one hour, plus a block.
    const file = write('book.json', {
      mechanism: 'complex',
      products: [{ id: 'h0' }, { id: 'h1' }],
      zones: ['node1', 'node2'],
      links: [{ from: 'node1', to: 'node2', capacity: 500 }],
      orders: [
        {
          id: 'dem1',
          agent: 'a',
          side: 'buy',
          product: 'h0',
          quantity: 1000,
          price: 3000,
          zone: 'node1',
        },
        {
          id: 'dem3',
          agent: 'b',
          side: 'buy',
          product: 'h0',
          quantity: 200,
          price: 3000,
          zone: 'node2',
        },
        {
          id: 'gen5',
          agent: 'c',
          side: 'sell',
          product: 'h0',
          quantity: 1000,
          price: 100,
          zone: 'node1',
        },
        {
          id: 'gen7',
          agent: 'd',
          side: 'sell',
          product: 'h0',
          quantity: 1000,
          price: 50,
          zone: 'node2',
        },
        {
          id: 'blk',
          agent: 'e',
          side: 'sell',
          price: 200,
          profile: { h0: 10, h1: 10 },
          zone: 'node1',
        },
      ],
    });
    const run = await runGridfolio(['market', 'clear', '--file', file], {});
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      products: [
        { id: 'h0', zone: 'node1', price: 100, clearedSupply: 500, clearedDemand: 1000 },
        { id: 'h0', zone: 'node2', price: 50, clearedSupply: 700, clearedDemand: 200 },
        { id: 'h1', zone: 'node1', price: null, clearedSupply: 0, clearedDemand: 0 },
        { id: 'h1', zone: 'node2', price: null, clearedSupply: 0, clearedDemand: 0 },
      ],
      flows: [{ from: 'node2', to: 'node1', product: 'h0', quantity: 500 }],
      orders: [
        { id: 'dem1', acceptedQuantity: 1000, acceptedPrice: 100, acceptanceRatio: 1 },
        { id: 'dem3', acceptedQuantity: 200, acceptedPrice: 50, acceptanceRatio: 1 },
        { id: 'gen5', acceptedQuantity: 500, acceptedPrice: 100, acceptanceRatio: 0.5 },
        { id: 'gen7', acceptedQuantity: 700, acceptedPrice: 50, acceptanceRatio: 0.7 },
        { id: 'blk', acceptedQuantity: { h0: 0, h1: 0 }, acceptedPrice: null, acceptanceRatio: 0 },
      ],
      rejected: ['blk'],
    });
  });

  it.each(vectorFile.cases.map((c) => [c.id, c] as const))(
    'market_clearing_assume_complex.json %s passes through the CLI',
    async (id, c) => {
      const run = await runGridfolio(
        ['market', 'clear', '--file', write(`${id}.json`, bookOfCase(c))],
        {},
      );
      expect(run.code).toBe(0);
      expectCaseMet(c, JSON.parse(run.stdout));
    },
  );

  it('answers a bad complex book with exit code 2 and an error naming the field', async () => {
    const file = write('bad.json', {
      mechanism: 'complex',
      products: [{ id: 'h0' }],
      orders: [{ id: 'b', agent: 'a', side: 'sell', price: 1, profile: { h0: 1 }, parentId: 'x' }],
    });
    const run = await runGridfolio(['market', 'clear', '--file', file], {});
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({
      error: {
        code: 'CLEARING.INVALID_BOOK',
        field: 'orders[0].parentId',
        message: expect.stringContaining('no block order "x"'),
      },
    });
  });
});
