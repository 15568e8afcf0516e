import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  MilpModelBuilder,
  milpName,
  milpPortfolioName,
  parseMilpName,
  validateMilpModel,
  variableIndexByName,
  type MilpModel,
} from '../../../domain/optimisation/milp-model.js';
import { gapPct, validateMilpSolveOptions } from '../../../domain/optimisation/milp-solver.port.js';
import { expectDomainError } from '../../support/expect-domain-error.js';

const small = (): MilpModel => {
  const b = new MilpModelBuilder('max');
  const x = b.addVariable({ name: 'x', kind: 'binary', objective: 2 });
  const y = b.addVariable({ name: 'y', upper: 4, objective: 1 });
  b.addConstraint(
    'cap',
    [
      [x, 3],
      [y, 1],
    ],
    { le: 5 },
  );
  b.addConstraint('floor', [[y, 1]], { ge: 1, le: 3 });
  return b.build();
};

describe('MilpModelBuilder', () => {
  it('stores rows as compressed sparse rows and bounds per sense', () => {
    const model = small();
    expect(model.constraints.starts).toEqual(Int32Array.from([0, 2, 3]));
    expect(model.constraints.columns).toEqual(Int32Array.from([0, 1, 1]));
    expect(Array.from(model.constraints.lower)).toEqual([-Infinity, 1]);
    expect(Array.from(model.constraints.upper)).toEqual([5, 3]);
    expect(Array.from(model.variables.upper)).toEqual([1, 4]);
    expect(variableIndexByName(model).get('y')).toBe(1);
  });

  it('sums a variable repeated in one row', () => {
    const b = new MilpModelBuilder('min');
    const x = b.addVariable({ name: 'x' });
    b.addConstraint(
      'twice',
      [
        [x, 1],
        [x, 2],
      ],
      { eq: 3 },
    );
    expect(Array.from(b.build().constraints.coefficients)).toEqual([3]);
  });

  it('rejects a duplicate variable and an unknown one, naming them', () => {
    const b = new MilpModelBuilder('min');
    b.addVariable({ name: 'soc[ess-1][t1]' });
    expect(
      expectDomainError(() => b.addVariable({ name: 'soc[ess-1][t1]' }), 'MILP.INVALID_MODEL')
        .message,
    ).toContain('soc[ess-1][t1]');
    expect(
      expectDomainError(() => b.variable('soc[ess-9][t1]'), 'MILP.INVALID_MODEL').message,
    ).toContain('soc[ess-9][t1]');
    expect(
      expectDomainError(
        () => b.addConstraint('balance[ess-1][t1]', [[7, 1]], { eq: 0 }),
        'MILP.INVALID_MODEL',
      ).message,
    ).toContain('balance[ess-1][t1] refers to unknown variable index 7');
  });
});

describe('validateMilpModel', () => {
  const broken = (edit: (model: MilpModel) => MilpModel, expected: string): void => {
    const error = expectDomainError(() => validateMilpModel(edit(small())), 'MILP.INVALID_MODEL');
    expect(error.message).toContain(expected);
  };

  it('accepts a built model', () => {
    expect(() => validateMilpModel(small())).not.toThrow();
  });

  it('names a NaN coefficient', () =>
    broken(
      (m) => ({
        ...m,
        constraints: { ...m.constraints, coefficients: Float64Array.from([3, NaN, 1]) },
      }),
      'constraint cap has coefficient NaN on y',
    ));

  it('names a NaN objective coefficient', () =>
    broken(
      (m) => ({ ...m, variables: { ...m.variables, objective: Float64Array.from([NaN, 1]) } }),
      'variable x',
    ));

  it('names a duplicate constraint', () =>
    broken(
      (m) => ({ ...m, constraints: { ...m.constraints, names: ['cap', 'cap'] } }),
      'constraint name cap is used twice',
    ));

  it('names an unknown variable in a constraint', () =>
    broken(
      (m) => ({ ...m, constraints: { ...m.constraints, columns: Int32Array.from([0, 5, 1]) } }),
      'constraint cap refers to unknown variable index 5',
    ));

  it('names a variable repeated within a row', () =>
    broken(
      (m) => ({ ...m, constraints: { ...m.constraints, columns: Int32Array.from([1, 1, 1]) } }),
      'constraint cap names variable y twice',
    ));

  it('names crossed bounds', () =>
    broken(
      (m) => ({ ...m, variables: { ...m.variables, lower: Float64Array.from([0, 5]) } }),
      'variable y has lower bound 5',
    ));

  it('names a binary that can be neither 0 nor 1', () =>
    broken(
      (m) => ({
        ...m,
        variables: {
          ...m.variables,
          lower: Float64Array.from([2, 0]),
          upper: Float64Array.from([3, 4]),
        },
      }),
      'binary variable x',
    ));
});

describe('MILP names', () => {
  const part = fc.stringMatching(/^[A-Za-z0-9_.:-]{1,12}$/);
  const family = fc.stringMatching(/^[a-z_][a-z0-9_]{0,15}$/);

  it('parse back to their family, asset and indices', () => {
    fc.assert(
      fc.property(family, part, fc.array(part, { maxLength: 3 }), (f, asset, indices) => {
        fc.pre(asset !== '*');
        expect(parseMilpName(milpName(f, asset, ...indices))).toEqual({
          family: f,
          assetId: asset,
          indices,
        });
      }),
    );
  });

  it('leave the asset out of portfolio-wide names', () => {
    expect(milpPortfolioName('net_export', 't3')).toBe('net_export[*][t3]');
    expect(parseMilpName('net_export[*][t3]')).toEqual({ family: 'net_export', indices: ['t3'] });
  });

  it('parse a name of another shape as a bare family', () => {
    expect(parseMilpName('c1 ]')).toEqual({ family: 'c1 ]', indices: [] });
  });

  it('refuse parts that would not parse back', () => {
    expectDomainError(() => milpName('soc', 'ess[1]'), 'MILP.INVALID_NAME');
    expectDomainError(() => milpName('9soc', 'ess-1'), 'MILP.INVALID_NAME');
    expectDomainError(() => milpName('soc', 'x'.repeat(300)), 'MILP.INVALID_NAME');
  });
});

describe('solve options', () => {
  it.each([
    [{ timeLimitSeconds: 0 }, 'timeLimitSeconds'],
    [{ relativeGap: -0.1 }, 'relativeGap'],
    [{ relativeGap: NaN }, 'relativeGap'],
    [{ deterministicNodeLimit: 1.5 }, 'deterministicNodeLimit'],
    [{ diagnoseInfeasibility: { families: [] } }, 'diagnoseInfeasibility.families'],
  ])('rejects %j', (options, field) => {
    expect(
      expectDomainError(() => validateMilpSolveOptions(options), 'MILP.INVALID_OPTIONS').field,
    ).toBe(field);
  });

  it('computes the gap relative to the objective', () => {
    expect(gapPct(100, 101)).toBeCloseTo(1, 12);
    expect(gapPct(0, 0)).toBe(0);
    expect(gapPct(0, 1)).toBeUndefined();
    expect(gapPct(undefined, 1)).toBeUndefined();
  });
});
