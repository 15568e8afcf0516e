import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { emptyHourlySeries } from '../../../../domain/forecasting/hourly-series.js';
import {
  meritOrderDay,
  meritOrderHour,
  stackPriceAt,
  type MeritOrderExtraOrder,
} from '../../../../domain/market/merit-order/merit-order-price.js';
import { withMirrorMonthFallback } from '../../../../domain/market/merit-order/renewable-fallback.js';
import {
  supplyStackFor,
  type SupplyStack,
} from '../../../../domain/market/merit-order/supply-stack.js';
import { TradingDay } from '../../../../domain/shared/time/trading-day.js';
import { expectDomainError } from '../../../support/expect-domain-error.js';

/** A hand-made stack: 10 GW at 0, 20 GW at 80, 10 GW at 120, 5 GW at 200. */
const toyStack = (): SupplyStack => {
  const blocks = [
    { id: 'must', fuel: 'must_run' as const, availableMw: 10_000, offerKrwPerKwh: 0 },
    { id: 'coal', fuel: 'coal' as const, availableMw: 20_000, offerKrwPerKwh: 80 },
    { id: 'cc', fuel: 'lng' as const, availableMw: 10_000, offerKrwPerKwh: 120 },
    { id: 'gt', fuel: 'lng' as const, availableMw: 5_000, offerKrwPerKwh: 200 },
  ];
  return { month: 1, blocks, cumulativeMw: Float64Array.from([10_000, 30_000, 40_000, 45_000]) };
};

const hour = (stack: SupplyStack, demandMw: number, extraOrders: MeritOrderExtraOrder[] = []) =>
  meritOrderHour({ stack, demandMw, solarMw: 0, windMw: 0, extraOrders });

describe('merit-order price of one hour', () => {
  it('is the offer of the marginal block, which it names', () => {
    const stack = toyStack();
    expect(hour(stack, 35_000)).toMatchObject({
      smpKrwPerKwh: 120,
      marginalOrderId: 'fleet:cc',
      marginalKind: 'lng',
      shortfallMw: 0,
    });
    expect(hour(stack, 30_000)).toMatchObject({ smpKrwPerKwh: 80, marginalOrderId: 'fleet:coal' });
    expect(hour(stack, 5_000)).toMatchObject({ smpKrwPerKwh: 0, marginalKind: 'must_run' });
  });

  it('subtracts solar and wind: they are price-takers offered at 0', () => {
    const result = meritOrderHour({
      stack: toyStack(),
      demandMw: 35_000,
      solarMw: 4_000,
      windMw: 2_000,
    });
    expect(result.smpKrwPerKwh).toBe(80);
  });

  it('reports a shortfall when demand exceeds the stack, priced at the dearest block', () => {
    expect(hour(toyStack(), 50_000)).toMatchObject({ smpKrwPerKwh: 200, shortfallMw: 5_000 });
  });

  it('clears extra VPP offers with the fleet and reports what they were awarded', () => {
    const result = hour(toyStack(), 35_000, [
      { id: 'vpp-1', agent: 'vpp', side: 'sell', quantityMw: 6_000, priceKrwPerKwh: 100 },
      { id: 'vpp-2', agent: 'vpp', side: 'sell', quantityMw: 1_000, priceKrwPerKwh: 150 },
    ]);
    expect(result.smpKrwPerKwh).toBe(100);
    expect(result.marginalKind).toBe('extra');
    expect(result.extraAcceptedMw.get('vpp-1')).toBe(5_000);
    expect(result.extraAcceptedMw.get('vpp-2')).toBe(0);
  });

  it('refuses a non-finite or negative quantity with the field at fault', () => {
    expect(
      expectDomainError(() => hour(toyStack(), Number.NaN), 'MERIT_ORDER.INVALID_INPUT').field,
    ).toBe('demandMw');
    expect(
      expectDomainError(
        () => meritOrderHour({ stack: toyStack(), demandMw: 1, solarMw: -1, windMw: 0 }),
        'MERIT_ORDER.INVALID_INPUT',
      ).field,
    ).toBe('solarMw');
  });

  it('reads the same price off the stack as the clearing engine (the calibration fast path)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1_000, max: 120_000 }),
        fc.integer({ min: 0, max: 8_000 }),
        fc.integer({ min: 0, max: 2_000 }),
        (month, demandMw, solarMw, windMw) => {
          const stack = supplyStackFor(month);
          const cleared = meritOrderHour({ stack, demandMw, solarMw, windMw }).smpKrwPerKwh;
          expect(stackPriceAt(stack, demandMw - solarMw - windMw)).toBe(cleared);
        },
      ),
    );
  });

  it('never lowers the price when demand grows (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1_000, max: 110_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        (month, demandMw, extraMw) => {
          const stack = supplyStackFor(month);
          const low = hour(stack, demandMw).smpKrwPerKwh!;
          const high = hour(stack, demandMw + extraMw).smpKrwPerKwh!;
          expect(high).toBeGreaterThanOrEqual(low);
        },
      ),
    );
  });

  it('never raises the price when cheap VPP offers are added (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1_000, max: 110_000 }),
        fc.array(
          fc.record({
            quantityMw: fc.integer({ min: 1, max: 3_000 }),
            priceKrwPerKwh: fc.integer({ min: -50, max: 300 }),
          }),
          { maxLength: 5 },
        ),
        (month, demandMw, offers) => {
          const stack = supplyStackFor(month);
          const extras = offers.map((o, i): MeritOrderExtraOrder => ({
            id: `v${i}`,
            agent: 'vpp',
            side: 'sell',
            ...o,
          }));
          const without = hour(stack, demandMw).smpKrwPerKwh!;
          expect(hour(stack, demandMw, extras).smpKrwPerKwh!).toBeLessThanOrEqual(without);
        },
      ),
    );
  });
});

describe('merit-order day and renewable fallback', () => {
  it('prices 24 hours with the stack of the day month', () => {
    const day = TradingDay.parse('2024-08-14');
    const demandMw = Array.from({ length: 24 }, (_, h) => 60_000 + 1_000 * h);
    const zeros = new Array<number>(24).fill(0);
    const hours = meritOrderDay({ day, demandMw, solarMw: zeros, windMw: zeros });
    const stack = supplyStackFor(8);
    expect(hours.map((h) => h.smpKrwPerKwh)).toEqual(demandMw.map((d) => stackPriceAt(stack, d)));
    expect(
      expectDomainError(
        () => meritOrderDay({ day, demandMw: [1], solarMw: zeros, windMw: zeros }),
        'MERIT_ORDER.INVALID_INPUT',
      ).field,
    ).toBe('demandMw');
  });

  it('fills Oct-Dec gaps with the hour profile of the mirror month (Mar, Feb, Jan)', () => {
    const firstDay = TradingDay.parse('2024-01-01');
    const series = emptyHourlySeries(firstDay, 274, 'MW'); // through 2024-09-30
    const values = series.values;
    for (let d = 0; d < 274; d++)
      for (let h = 0; h < 24; h++) values[d * 24 + h] = firstDay.plusDays(d).month * 100 + h;
    const filled = withMirrorMonthFallback(series, TradingDay.parse('2024-12-31'));
    expect(filled.values.length).toBe(366 * 24);
    const at = (date: string, hourEnding: number) =>
      filled.values[firstDay.daysUntil(TradingDay.parse(date)) * 24 + hourEnding - 1];
    expect(at('2024-10-05', 13)).toBe(312);
    expect(at('2024-11-20', 1)).toBe(200);
    expect(at('2024-12-31', 24)).toBe(123);
    expect(at('2024-09-30', 12)).toBe(911);
  });
});
