import {
  derIntervalLimits,
  screenMeterReadings,
  siteIntervalLimits,
  type MeterReadingInput,
} from '../../../domain/metering/index.js';
import { kw } from '../../../domain/shared/units.js';
import { reading, recordReadings, slot } from '../../support/builders/meter.builders.js';

const rejectionOf = (input: MeterReadingInput, o: Parameters<typeof recordReadings>[1] = {}) => {
  const { valid, rejected } = screenMeterReadings(recordReadings([input], o));
  expect(valid).toHaveLength(0);
  const [rejection] = rejected;
  return { code: rejection?.code, field: rejection?.field };
};

describe('screening readings one by one', () => {
  it('passes good readings and refuses bad ones with their index, code, field and reason', () => {
    const { valid, rejected } = screenMeterReadings(
      recordReadings([reading(0, 10), reading(1, Number.POSITIVE_INFINITY), reading(2, 3)]),
    );
    expect(valid.map((r) => r.index)).toEqual([0, 2]);
    expect(rejected).toEqual([
      {
        index: 1,
        code: 'METER.NOT_FINITE',
        field: 'energyKwh',
        reason: expect.stringContaining('finite') as string,
      },
    ]);
  });

  it.each([
    [{ intervalStart: '2025-03-09T15:07:00.000Z', energyKwh: 1 }, 'METER.OFF_GRID'],
    [{ intervalStart: '2025-03-09T15:00:00', energyKwh: 1 }, 'METER.INVALID_INTERVAL_START'],
    [{ intervalStart: 'not a time', energyKwh: 1 }, 'METER.INVALID_INTERVAL_START'],
    [{ intervalStart: 42, energyKwh: 1 } as never, 'METER.INVALID_INTERVAL_START'],
    [{ intervalStart: '2025-03-09T14:45:00.000Z', energyKwh: 1 }, 'METER.OUTSIDE_DAY'],
    [{ intervalStart: '2025-03-10T15:00:00.000Z', energyKwh: 1 }, 'METER.OUTSIDE_DAY'],
    [{ intervalStart: '2025-03-10T00:50:00.000Z', energyKwh: 1 }, 'METER.OFF_GRID'],
    [{ intervalStart: '2025-03-10T00:45:01.000Z', energyKwh: 1 }, 'METER.OFF_GRID'],
  ])('refuses the interval of %j as %s', (input, code) => {
    expect(rejectionOf(input)).toEqual({ code, field: 'intervalStart' });
  });

  it('refuses an interval that has not ended by now, but not one ending exactly now', () => {
    // now is 01:00Z: the interval from 00:45Z ends at now, the one from 01:00Z after it.
    expect(rejectionOf({ intervalStart: '2025-03-10T01:00:00.000Z', energyKwh: 1 })).toEqual({
      code: 'METER.FUTURE_INTERVAL',
      field: 'intervalStart',
    });
    const { valid } = screenMeterReadings(
      recordReadings([{ intervalStart: '2025-03-10T00:45:00.000Z', energyKwh: 1 }]),
    );
    expect(valid).toHaveLength(1);
  });

  it.each([
    [Number.NaN, 'METER.NOT_FINITE'],
    [Number.NEGATIVE_INFINITY, 'METER.NOT_FINITE'],
    ['12' as never, 'METER.NOT_FINITE'],
    [null as never, 'METER.NOT_FINITE'],
    [undefined as never, 'METER.NOT_FINITE'],
    [-0.001, 'METER.NEGATIVE_ENERGY'],
    [23.626, 'METER.ABOVE_LIMIT'],
  ])('refuses the energy %p of a DER meter as %s', (energyKwh, code) => {
    expect(rejectionOf({ intervalStart: slot(0), energyKwh })).toEqual({
      code,
      field: 'energyKwh',
    });
  });

  it('accepts energy exactly at the limit', () => {
    expect(screenMeterReadings(recordReadings([reading(0, 23.625)])).valid).toHaveLength(1);
  });

  it("bounds a site's import by limitKwh and its export by exportLimitKwh", () => {
    const site = {
      meterId: 'site-1',
      meterKind: 'site' as const,
      limitKwh: 50,
      exportLimitKwh: 25,
    };
    const { valid, rejected } = screenMeterReadings(
      recordReadings(
        [reading(0, -25), reading(1, 50), reading(2, -25.01), reading(3, 50.01)],
        site,
      ),
    );
    expect(valid.map((r) => r.energyKwh)).toEqual([-25, 50]);
    expect(rejected.map((r) => [r.index, r.code])).toEqual([
      [2, 'METER.EXPORT_ABOVE_LIMIT'],
      [3, 'METER.ABOVE_LIMIT'],
    ]);
  });

  it('refuses any export of a site without an export limit', () => {
    expect(rejectionOf(reading(0, -0.1), { meterKind: 'site', limitKwh: 50 })).toEqual({
      code: 'METER.EXPORT_ABOVE_LIMIT',
      field: 'energyKwh',
    });
  });

  it('reads a missing reading as refused, not as a crash', () => {
    const { rejected } = screenMeterReadings(recordReadings([undefined as never]));
    expect(rejected[0]?.code).toBe('METER.INVALID_INTERVAL_START');
  });
});

describe('interval limits', () => {
  it('is capacity x interval hours x (1 + tolerance)', () => {
    expect(derIntervalLimits(kw(90), 15, 0.05)).toEqual({ limitKwh: 23.625 });
    expect(derIntervalLimits(kw(90), 60, 0)).toEqual({ limitKwh: 90 });
    expect(siteIntervalLimits(kw(200), kw(100), 30, 0.05)).toEqual({
      limitKwh: 105,
      exportLimitKwh: 52.5,
    });
  });
});
