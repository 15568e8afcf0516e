import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { MarketCalendar } from '../../../domain/market/market-calendar.js';
import { marketRules, type MarketId } from '../../../domain/market/market-rules.js';
import { TradingDay } from '../../../domain/shared/time/trading-day.js';
import { expectDomainError } from '../../support/expect-domain-error.js';

const kstIso = (ms: number): string =>
  new Date(ms + 9 * 3_600_000).toISOString().replace('T', ' ').slice(0, 16);

describe('market rules', () => {
  it('gives the mainland an hourly day-ahead market without a real-time market', () => {
    const rules = marketRules('mainland');
    expect(rules.dayAhead).toEqual({ intervalMinutes: 60, gateKst: '10:00', resultsKst: '15:00' });
    expect(rules.realTime).toBeUndefined();
    expect(rules.renewablePriceBids).toBe(false);
    expect(rules.curve.priceFloorKrwPerKwh).toBe(0);
  });

  it('gives Jeju 15-minute real-time intervals, renewable price bids and a negative floor', () => {
    const rules = marketRules('jeju');
    expect(rules.realTime).toEqual({
      intervalMinutes: 15,
      horizonMinutes: 120,
      runEveryMinutes: 15,
      finalPricesKst: '18:00',
    });
    expect(rules.renewablePriceBids).toBe(true);
    expect(rules.curve.priceFloorKrwPerKwh).toBeLessThan(0);
  });

  it('lists every value the rules document does not confirm, once', () => {
    for (const market of ['mainland', 'jeju'] as const) {
      const parameters = marketRules(market).assumptions.map((a) => a.parameter);
      expect(new Set(parameters).size).toBe(parameters.length);
      expect(parameters).toEqual(
        expect.arrayContaining([
          'dayAhead.gateKst',
          'curve.maxSegments',
          'curve.priceFloorKrwPerKwh',
        ]),
      );
    }
  });

  it('applies overrides from configuration', () => {
    const rules = marketRules('mainland', { dayAheadGateKst: '09:30', maxSegments: 5 });
    expect(rules.dayAhead.gateKst).toBe('09:30');
    expect(rules.curve.maxSegments).toBe(5);
  });

  it.each([
    [{ maxSegments: 0 }, 'maxSegments'],
    [{ maxSegments: 2.5 }, 'maxSegments'],
    [{ priceCapKrwPerKwh: -200 }, 'priceCapKrwPerKwh'],
    [{ priceFloorKrwPerKwh: Number.NaN }, 'priceFloorKrwPerKwh'],
    [{ quantityStepKw: 0 }, 'quantityStepKw'],
    [{ minQuantityKw: -1 }, 'minQuantityKw'],
    [{ dayAheadResultsKst: '09:00' }, 'dayAheadResultsKst'],
  ])('rejects the override %j naming %s', (overrides, field) => {
    expect(
      expectDomainError(() => marketRules('mainland', overrides), 'MARKET.INVALID_RULES').field,
    ).toBe(field);
  });

  it('rejects an unknown market', () => {
    expect(
      expectDomainError(() => marketRules('iceland' as MarketId), 'MARKET.INVALID_RULES').field,
    ).toBe('market');
  });
});

describe('market calendar', () => {
  it('puts the gate and the results of day D on D-1 in KST, final real-time prices on D+1', () => {
    const calendar = new MarketCalendar(marketRules('jeju'));
    const timeline = calendar.timelineOf(TradingDay.parse('2024-06-03'));
    expect(kstIso(timeline.dayAheadGateMs)).toBe('2024-06-02 10:00');
    expect(kstIso(timeline.dayAheadResultsMs)).toBe('2024-06-02 15:00');
    expect(kstIso(timeline.realTimeFinalPricesMs ?? 0)).toBe('2024-06-04 18:00');
    expect(calendar.dayAheadGrid.intervalsPerDay).toBe(24);
    expect(calendar.realTimeGrid?.intervalsPerDay).toBe(96);
  });

  it('closes the day-ahead market at the gate instant itself', () => {
    const calendar = new MarketCalendar(marketRules('mainland'));
    const day = TradingDay.parse('2024-01-01');
    const gateMs = calendar.timelineOf(day).dayAheadGateMs;
    expect(calendar.isDayAheadOpen(day, gateMs - 1)).toBe(true);
    expect(calendar.isDayAheadOpen(day, gateMs)).toBe(false);
  });

  it('orders gate < results < delivery for any day and configured gate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 18_000, max: 22_000 }),
        fc.integer({ min: 0, max: 13 }),
        (epochDay, gateHour) => {
          const day = TradingDay.fromEpochDay(epochDay);
          const gateKst = `${String(gateHour).padStart(2, '0')}:00`;
          const timeline = new MarketCalendar(
            marketRules('mainland', { dayAheadGateKst: gateKst }),
          ).timelineOf(day);
          expect(timeline.dayAheadGateMs).toBeLessThan(timeline.dayAheadResultsMs);
          expect(timeline.dayAheadResultsMs).toBeLessThan(day.startMs);
        },
      ),
    );
  });
});
