import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGridfolio } from '../support/run-gridfolio.js';

describe('gridfolio market clear', () => {
  let dir: string;
  const write = (name: string, value: unknown): string => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(value));
    return file;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gridfolio-clear-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('clears a pay-as-clear book and prints the result as JSON', async () => {
    const file = write('book.json', {
      mechanism: 'pay_as_clear',
      products: [{ id: 'h1' }],
      orders: [
        { id: 'dem1', agent: 'a', side: 'buy', product: 'h1', quantity: 400, price: 3000 },
        { id: 'gen2', agent: 'b', side: 'sell', product: 'h1', quantity: 300, price: 100 },
        { id: 'gen3', agent: 'c', side: 'sell', product: 'h1', quantity: 200, price: 50 },
        { id: 'gen4', agent: 'd', side: 'sell', product: 'h1', quantity: 230, price: 60 },
      ],
    });
    const run = await runGridfolio(['market', 'clear', '--file', file], {});
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      products: [{ id: 'h1', price: 60, clearedSupply: 400, clearedDemand: 400 }],
      orders: [
        { id: 'dem1', acceptedQuantity: 400, acceptedPrice: 60 },
        { id: 'gen2', acceptedQuantity: 0, acceptedPrice: 60 },
        { id: 'gen3', acceptedQuantity: 200, acceptedPrice: 60 },
        { id: 'gen4', acceptedQuantity: 200, acceptedPrice: 60 },
      ],
      rejected: ['gen2'],
    });
  });

  it('answers a bad book with exit code 2 and an error naming the field', async () => {
    const file = write('bad.json', {
      mechanism: 'pay_as_clear',
      products: [{ id: 'h1' }],
      orders: [{ id: 'x', agent: 'a', side: 'sell', product: 'h7', quantity: 1, price: 1 }],
    });
    const run = await runGridfolio(['market', 'clear', '--file', file], {});
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({
      error: {
        code: 'CLEARING.UNKNOWN_PRODUCT',
        field: 'orders[0].product',
        message: expect.stringContaining('unknown product "h7"'),
      },
    });
  });
});
