import fc from 'fast-check';
import {
  add,
  energyKwh,
  krw,
  krwPerKwh,
  krwRounded,
  kw,
  kwh,
  negate,
  nonNegative,
  scale,
  scaleKrwRounded,
  subtract,
  sum,
  type Kw,
} from '../../../domain/shared/units.js';
import { expectDomainError } from '../../support/expect-domain-error.js';

const NOT_FINITE = [NaN, Infinity, -Infinity];
const constructors = { kw, kwh, krw, krwPerKwh, krwRounded };

describe('unit constructors', () => {
  describe.each(Object.entries(constructors))('%s', (_name, make) => {
    it.each(NOT_FINITE)('rejects %p with UNIT.NOT_FINITE', (value) => {
      expectDomainError(() => make(value), 'UNIT.NOT_FINITE');
    });

    it('names the field at fault when one is given', () => {
      const error = expectDomainError(() => make(NaN, 'assets[3].chargeKw'), 'UNIT.NOT_FINITE');
      expect(error.field).toBe('assets[3].chargeKw');
      expect(error.message).toContain('assets[3].chargeKw');
    });

    it('rejects a value that is not a number at all (e.g. from JSON)', () => {
      expectDomainError(() => make('5' as unknown as number), 'UNIT.NOT_FINITE');
    });

    it('returns the same number, with -0 normalised to 0', () => {
      expect(make(42)).toBe(42);
      expect(Object.is(make(-0), 0)).toBe(true);
    });
  });

  it('keeps decimals for power, energy and prices (KPX quotes 94.09 KRW/kWh)', () => {
    expect(kw(-12.5)).toBe(-12.5);
    expect(kwh(0.001)).toBe(0.001);
    expect(krwPerKwh(94.09)).toBe(94.09);
  });

  it('accepts whole won and rejects fractions with UNIT.NOT_INTEGER', () => {
    expect(krw(-1500)).toBe(-1500);
    const error = expectDomainError(() => krw(10.5, 'amountKrw'), 'UNIT.NOT_INTEGER');
    expect(error.field).toBe('amountKrw');
  });

  it('rejects won beyond the safe integer range', () => {
    expectDomainError(() => krw(2 ** 53), 'UNIT.UNSAFE_INTEGER');
  });

  it.each([
    [2.5, 3],
    [-2.5, -3],
    [2.4999, 2],
    [-2.4999, -2],
    [0.5, 1],
    [-0.5, -1],
    [7, 7],
  ])('krwRounded(%p) rounds half away from zero to %p', (value, expected) => {
    expect(krwRounded(value)).toBe(expected);
  });

  it('krwRounded is symmetric around zero for any finite amount', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), (value) => {
        expect(krwRounded(-value)).toBe(-krwRounded(value) || 0);
        expect(Math.abs(krwRounded(value) - value)).toBeLessThanOrEqual(0.5);
      }),
    );
  });
});

describe('nonNegative', () => {
  it('passes zero and positive values through', () => {
    expect(nonNegative(kw(0), 'capacityKw')).toBe(0);
    expect(nonNegative(kwh(3), 'energyKwh')).toBe(3);
  });

  it('rejects a negative value with UNIT.NEGATIVE and the field name', () => {
    const error = expectDomainError(() => nonNegative(kw(-1), 'capacityKw'), 'UNIT.NEGATIVE');
    expect(error.field).toBe('capacityKw');
  });
});

describe('arithmetic', () => {
  it('energy = power x hours (15 minutes at 400 kW is 100 kWh)', () => {
    expect(energyKwh(kw(400), 0.25)).toBe(100);
    expectDomainError(() => energyKwh(kw(1), NaN), 'UNIT.NOT_FINITE');
  });

  it('adds, subtracts, negates and sums within one unit', () => {
    expect(add(kw(1.5), kw(2))).toBe(3.5);
    expect(subtract(kwh(5), kwh(7))).toBe(-2);
    expect(Object.is(negate(kw(0)), 0)).toBe(true);
    expect(negate(krw(5))).toBe(-5);
    expect(sum([krw(1), krw(2), krw(3)])).toBe(6);
    expect(sum([] as Kw[])).toBe(0);
  });

  it('scales fractional quantities and rounds scaled money explicitly', () => {
    expect(scale(kw(10), 0.5)).toBe(5);
    expectDomainError(() => scale(kw(1e308), 10), 'UNIT.NOT_FINITE');
    expect(scaleKrwRounded(krw(5), 0.5)).toBe(3);
  });

  it('does not compile when units are mixed', () => {
    // @ts-expect-error power plus energy has no meaning
    add(kw(1), kwh(1));
    // @ts-expect-error a mixed list has no single unit
    sum([kw(1), kwh(1)]);
    // @ts-expect-error scaling won would leave fractions of a won
    scale(krw(1), 0.5);
    // @ts-expect-error a plain number is not a Kw
    const power: Kw = 5;
    expect(power).toBe(5);
  });
});
