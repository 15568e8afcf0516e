import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { computeKpxCbl } from '../../../../domain/forecasting/cbl/kpx-cbl.js';
import { trimmedMean } from '../../../../domain/forecasting/cbl/trimmed-mean.js';
import { dayIndexOf, type HourlySeries } from '../../../../domain/forecasting/hourly-series.js';
import { TradingDay } from '../../../../domain/shared/time/trading-day.js';
import { expectDomainError } from '../../../support/expect-domain-error.js';

interface VectorCase {
  readonly id: string;
  readonly inputs: Record<string, unknown>;
  readonly expected: Record<string, unknown>;
}
const vectors = JSON.parse(
  readFileSync(path.resolve(process.cwd(), '../shared/vectors/dr_cbl_baselines.json'), 'utf8'),
) as { cases: VectorCase[] };
const caseById = (id: string): VectorCase => {
  const found = vectors.cases.find((c) => c.id === id);
  if (found === undefined) throw new Error(`vector case ${id} is missing`);
  return found;
};
const ascending = (values: unknown): number[] => [...(values as number[])].sort((a, b) => a - b);

const day = (iso: string) => TradingDay.parse(iso);
const isoList = (days: readonly TradingDay[]) => days.map((d) => d.toString());

/** A kWh history from `first` to `last` (inclusive), every hour `base` unless `override` says. */
const history = (
  first: string,
  last: string,
  base = 100,
  override: (iso: string, hourEnding: number) => number | undefined = () => undefined,
): HourlySeries => {
  const firstDay = day(first);
  const days = firstDay.daysUntil(day(last)) + 1;
  const values = new Float64Array(days * 24);
  for (let d = 0; d < days; d++) {
    const iso = firstDay.plusDays(d).toString();
    for (let h = 1; h <= 24; h++) values[d * 24 + h - 1] = override(iso, h) ?? base;
  }
  return { firstDay, values, unit: 'kWh' };
};

// Event on Monday 2024-06-24: the ten business days before it, most recent first (D-1 .. D-10).
const EVENT = day('2024-06-24');
const D = [
  '2024-06-21',
  '2024-06-20',
  '2024-06-19',
  '2024-06-18',
  '2024-06-17',
  '2024-06-14',
  '2024-06-13',
  '2024-06-12',
  '2024-06-11',
  '2024-06-10',
];
const EVENT_HOUR = 14;

/** The vector's one-hour loads placed at hour-ending 14; other hours 100 kWh. */
const vectorHistory = (): HourlySeries => {
  const byDay = caseById('cbl_kpx_mid_6_of_10_numeric').inputs.hour_load_kWh_by_day as Record<
    string,
    number
  >;
  const loads = new Map(D.map((iso, i) => [iso, byDay[`D-${i + 1}`]]));
  return history('2024-05-01', '2024-06-23', 100, (iso, h) =>
    h === EVENT_HOUR ? loads.get(iso) : undefined,
  );
};

describe('KPX CBL vectors (dr_cbl_baselines.json)', () => {
  it('cbl_kpx_mid_6_of_10_numeric: drops 2 high and 2 low per hour, averages 6 -> 107.5', () => {
    const { expected } = caseById('cbl_kpx_mid_6_of_10_numeric');
    const cbl = computeKpxCbl({ history: vectorHistory(), eventDay: EVENT, method: 'mid-6-of-10' });
    expect(isoList(cbl.selection.daysUsed)).toEqual(D);
    const hour = cbl.perHour[EVENT_HOUR - 1];
    expect(hour?.droppedLow).toEqual(ascending(expected.dropped_low));
    expect(hour?.droppedHigh).toEqual(ascending(expected.dropped_high));
    expect(hour?.kept).toEqual(ascending(expected.kept));
    expect(
      Math.abs((cbl.cblKwh[EVENT_HOUR - 1] ?? Number.NaN) - (expected.cbl_kWh as number)),
    ).toBeLessThanOrEqual(1e-9);
    expect(cbl.cblKwh[0]).toBe(100);
  });

  it('cbl_kpx_max_4_of_5_numeric: the 5 most recent days, drop the lowest -> 115.0', () => {
    const { expected } = caseById('cbl_kpx_max_4_of_5_numeric');
    const cbl = computeKpxCbl({ history: vectorHistory(), eventDay: EVENT, method: 'max-4-of-5' });
    expect(isoList(cbl.selection.daysUsed)).toEqual(D.slice(0, 5));
    const hour = cbl.perHour[EVENT_HOUR - 1];
    expect(hour?.droppedLow).toEqual(ascending(expected.dropped_low));
    expect(hour?.kept).toEqual(ascending(expected.kept));
    expect(
      Math.abs((cbl.cblKwh[EVENT_HOUR - 1] ?? Number.NaN) - (expected.cbl_kWh as number)),
    ).toBeLessThanOrEqual(1e-9);
  });
});

describe('KPX CBL day selection', () => {
  const chuseokHistory = (override?: (iso: string, h: number) => number | undefined) =>
    history('2024-08-01', '2024-09-22', 100, override);

  it('skips weekends and the Chuseok 2024 holidays (09-16..18)', () => {
    const mid = computeKpxCbl({
      history: chuseokHistory(),
      eventDay: day('2024-09-23'),
      method: 'mid-6-of-10',
    });
    expect(isoList(mid.selection.daysUsed)).toEqual([
      '2024-09-20',
      '2024-09-19',
      '2024-09-13',
      '2024-09-12',
      '2024-09-11',
      '2024-09-10',
      '2024-09-09',
      '2024-09-06',
      '2024-09-05',
      '2024-09-04',
    ]);
    const max = computeKpxCbl({
      history: chuseokHistory(),
      eventDay: day('2024-09-23'),
      method: 'max-4-of-5',
    });
    expect(isoList(max.selection.daysUsed)).toEqual([
      '2024-09-20',
      '2024-09-19',
      '2024-09-13',
      '2024-09-12',
      '2024-09-11',
    ]);
    const reasons = new Map(max.selection.skipped.map((s) => [s.day.toString(), s.reason]));
    expect(reasons.get('2024-09-17')).toBe('not-business-day');
    expect(reasons.get('2024-09-15')).toBe('not-business-day');
  });

  it('leaves out earlier DR event days and days with gaps', () => {
    const cbl = computeKpxCbl({
      history: chuseokHistory((iso, h) =>
        iso === '2024-09-13' && h === 3 ? Number.NaN : undefined,
      ),
      eventDay: day('2024-09-23'),
      method: 'max-4-of-5',
      earlierEventDays: [day('2024-09-19')],
    });
    expect(isoList(cbl.selection.daysUsed)).toEqual([
      '2024-09-20',
      '2024-09-12',
      '2024-09-11',
      '2024-09-10',
      '2024-09-09',
    ]);
    const reasons = new Map(cbl.selection.skipped.map((s) => [s.day.toString(), s.reason]));
    expect(reasons.get('2024-09-19')).toBe('dr-event-day');
    expect(reasons.get('2024-09-13')).toBe('incomplete-data');
  });

  it('drops a day below 75 % of the reference load and extends the look-back', () => {
    // 09-19 runs at 50 % of the others: its daily average is below 0.75 × reference.
    const cbl = computeKpxCbl({
      history: chuseokHistory((iso) => (iso === '2024-09-19' ? 50 : undefined)),
      eventDay: day('2024-09-23'),
      method: 'mid-6-of-10',
    });
    expect(isoList(cbl.selection.daysUsed)).not.toContain('2024-09-19');
    expect(isoList(cbl.selection.daysUsed).at(-1)).toBe('2024-09-03');
    expect(cbl.selection.skipped.find((s) => s.day.toString() === '2024-09-19')?.reason).toBe(
      'low-load',
    );
    expect(cbl.cblKwh[0]).toBe(100);
  });

  it('keeps a day at 80 % (above 75 %), and drops > 125 % days only for factories', () => {
    const override = (iso: string) =>
      iso === '2024-09-20' ? 80 : iso === '2024-09-19' ? 140 : undefined;
    const plain = computeKpxCbl({
      history: chuseokHistory(override),
      eventDay: day('2024-09-23'),
      method: 'max-4-of-5',
    });
    expect(isoList(plain.selection.daysUsed)).toEqual([
      '2024-09-20',
      '2024-09-19',
      '2024-09-13',
      '2024-09-12',
      '2024-09-11',
    ]);
    const factory = computeKpxCbl({
      history: chuseokHistory(override),
      eventDay: day('2024-09-23'),
      method: 'max-4-of-5',
      factory: true,
    });
    expect(isoList(factory.selection.daysUsed)).not.toContain('2024-09-19');
    expect(factory.selection.skipped.find((s) => s.day.toString() === '2024-09-19')?.reason).toBe(
      'high-load',
    );
  });

  it('can compare the event hours instead of the daily average', () => {
    // Low only in hours 13-16: the daily average passes, the event-hours average does not.
    const override = (iso: string, h: number) =>
      iso === '2024-09-20' && h >= 13 && h <= 16 ? 10 : undefined;
    const daily = computeKpxCbl({
      history: chuseokHistory(override),
      eventDay: day('2024-09-23'),
      method: 'max-4-of-5',
    });
    expect(isoList(daily.selection.daysUsed)).toContain('2024-09-20');
    const eventHours = computeKpxCbl({
      history: chuseokHistory(override),
      eventDay: day('2024-09-23'),
      method: 'max-4-of-5',
      loadQuantity: { kind: 'event-hours', hourEndings: [13, 14, 15, 16] },
    });
    expect(isoList(eventHours.selection.daysUsed)).not.toContain('2024-09-20');
  });

  it('says how many eligible days it found and how far back it looked when history is short', () => {
    const error = expectDomainError(
      () =>
        computeKpxCbl({
          history: history('2024-09-09', '2024-09-22'),
          eventDay: day('2024-09-23'),
          method: 'mid-6-of-10',
        }),
      'CBL.INSUFFICIENT_HISTORY',
    );
    expect(error.details).toMatchObject({
      needed: 10,
      eligibleFound: 7,
      lookedBackTo: '2024-09-09',
    });
    expect(error.message).toContain('found 7 eligible');
  });

  it('searches back at most twice the window: too many low days is an error, not a longer search', () => {
    // Max(4/5) searches at most 10 candidates for 5 days; 6 of those 10 run at 10 % of the others,
    // so only 4 pass the filter and the search does not go further back.
    const low = new Set([
      '2024-09-20',
      '2024-09-19',
      '2024-09-13',
      '2024-09-12',
      '2024-09-11',
      '2024-09-10',
    ]);
    const error = expectDomainError(
      () =>
        computeKpxCbl({
          history: chuseokHistory((iso) => (low.has(iso) ? 10 : undefined)),
          eventDay: day('2024-09-23'),
          method: 'max-4-of-5',
        }),
      'CBL.INSUFFICIENT_HISTORY',
    );
    expect(error.details).toMatchObject({ eligibleFound: 10, usable: 4 });
  });

  it('rejects a history that is not kWh', () => {
    expectDomainError(
      () =>
        computeKpxCbl({
          history: { ...history('2024-08-01', '2024-09-22'), unit: 'MW' },
          eventDay: day('2024-09-23'),
          method: 'max-4-of-5',
        }),
      'CBL.INVALID_INPUT',
    );
  });
});

describe('CBL properties', () => {
  it('each hour of the CBL lies between the min and max of the values it used', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), {
          minLength: 24 * 40,
          maxLength: 24 * 40,
        }),
        fc.constantFrom('mid-6-of-10' as const, 'max-4-of-5' as const),
        (values, method) => {
          const firstDay = day('2024-08-01');
          // Keep every day's average in a narrow band so the load filter rarely bites; when it does,
          // the error is fine too, but the property is about the averaging.
          const series: HourlySeries = {
            firstDay,
            values: Float64Array.from(values, (v) => 500 + v / 4),
            unit: 'kWh',
          };
          const cbl = computeKpxCbl({ history: series, eventDay: firstDay.plusDays(40), method });
          cbl.perHour.forEach((hour, h) => {
            const used = cbl.selection.daysUsed.map(
              (d) => series.values[dayIndexOf(series, d) * 24 + h] ?? Number.NaN,
            );
            expect(cbl.cblKwh[h]).toBeGreaterThanOrEqual(Math.min(...used) - 1e-9);
            expect(cbl.cblKwh[h]).toBeLessThanOrEqual(Math.max(...used) + 1e-9);
            expect(hour.kept.length + hour.droppedLow.length + hour.droppedHigh.length).toBe(
              used.length,
            );
          });
        },
      ),
      { numRuns: 50 },
    );
  });

  it('trimmedMean lies between the extremes and rejects impossible trims', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 5, maxLength: 20 }),
        (values) => {
          const result = trimmedMean(values, 2, 2);
          expect(result.mean).toBeGreaterThanOrEqual(Math.min(...values) - 1e-6);
          expect(result.mean).toBeLessThanOrEqual(Math.max(...values) + 1e-6);
        },
      ),
    );
    expectDomainError(() => trimmedMean([1, 2, 3, 4], 2, 2), 'CBL.INVALID_INPUT');
  });
});
