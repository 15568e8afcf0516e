import { beforeAll, describe, expect, it } from '@jest/globals';
import type { ClearingResult } from '../../../../../domain/market/clearing/clearing-result.js';
import { clearComplex } from '../../../../../domain/market/clearing/complex/complex-clearing.js';
import type { MilpSolver } from '../../../../../domain/optimisation/milp-solver.port.js';
import { inProcessSolver } from '../../../optimisation/portfolio/in-process-solver.js';
import { bookOfCase, expectCaseMet, orderIn, vectorFile } from './assume-complex-vectors.js';

let solver: MilpSolver;
beforeAll(async () => {
  solver = await inProcessSolver('glpk');
});

const clear = async (id: string): Promise<ClearingResult> =>
  (await clearComplex(bookOfCase(vectorFile.cases.find((c) => c.id === id)!), solver)).result;

describe('complex clearing against market_clearing_assume_complex.json', () => {
  it('covers every case of the file, all with the tolerance abs 1e-4', () => {
    expect(vectorFile.sign_convention).toBe('supply > 0, demand < 0');
    expect(vectorFile.cases.map((c) => c.id)).toEqual([
      'assume_complex_ntc_two_nodes',
      'assume_complex_BB_a_out_of_money',
      'assume_complex_BB_b_in_money',
      'assume_complex_LB_a_both_in_money',
      'assume_complex_LB_c_family_rejected',
      'bichler_whitepaper_fig5a',
    ]);
    expect(new Set(vectorFile.cases.map((c) => c.tolerance))).toEqual(new Set(['abs 1e-4']));
  });

  it.each(vectorFile.cases.map((c) => [c.id, c] as const))('%s', async (id, c) => {
    expectCaseMet(c, await clear(id));
  });

  it('BB: the block is whole or nothing in both hours', async () => {
    expect(orderIn(await clear('assume_complex_BB_a_out_of_money'), 'block_gen7')).toMatchObject({
      acceptedQuantity: { h0: 0, h1: 0 },
      acceptanceRatio: 0,
    });
    expect(orderIn(await clear('assume_complex_BB_b_in_money'), 'block_gen7')).toMatchObject({
      acceptedQuantity: { h0: 100, h1: 100 },
      acceptanceRatio: 1,
    });
  });

  it('bichler_whitepaper_fig5a: glpk breaks the gen3/block tie as the source test expects (block 10)', async () => {
    const result = await clear('bichler_whitepaper_fig5a');
    expect(orderIn(result, 'block_gen4').acceptedQuantity).toEqual({ h0: 10 });
    expect(orderIn(result, 'gen3').acceptedQuantity).toBe(0);
  });
});
