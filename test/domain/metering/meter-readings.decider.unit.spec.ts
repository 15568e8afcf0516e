import {
  meterReadingsDecider,
  readingAt,
  toMeterStreamId,
} from '../../../domain/metering/index.js';
import { deciderSpec } from '../../support/decider-spec.js';
import { expectDomainError } from '../../support/expect-domain-error.js';
import {
  METER_DAY,
  reading,
  readingsCorrected,
  readingsRecorded,
  recordReadings,
  slot,
} from '../../support/builders/meter.builders.js';

const { given } = deciderSpec(meterReadingsDecider);

describe('recording meter readings', () => {
  it('records every new interval of a batch in one event', () => {
    const state = given([])
      .when(recordReadings([reading(0, 10), reading(1, 12.5)]))
      .then([
        readingsRecorded([
          [0, 10],
          [1, 12.5],
        ]),
      ]);
    expect(readingAt(state, slot(1))).toBe(12.5);
  });

  it('returns [] when every value is already held: a resent batch appends nothing', () => {
    given([
      readingsRecorded([
        [0, 10],
        [1, 12.5],
      ]),
    ])
      .when(recordReadings([reading(1, 12.5), reading(0, 10)]))
      .then([]);
  });

  it('records a different value as a correction that keeps the previous one', () => {
    const state = given([readingsRecorded([[0, 10]])])
      .when(recordReadings([reading(0, 11)]))
      .then([readingsCorrected([[0, 10, 11]])]);
    expect(readingAt(state, slot(0))).toBe(11);
  });

  it('records new values and corrections of one batch as one event each', () => {
    given([
      readingsRecorded([
        [0, 10],
        [1, 12],
      ]),
    ])
      .when(recordReadings([reading(0, 10), reading(1, 13), reading(2, 14)]))
      .then([readingsRecorded([[2, 14]]), readingsCorrected([[1, 12, 13]])]);
  });

  it('keeps the last value when a batch holds one interval twice', () => {
    given([])
      .when(recordReadings([reading(0, 10), reading(0, 11), reading(1, 5)]))
      .then([
        readingsRecorded([
          [0, 11],
          [1, 5],
        ]),
      ]);
    given([readingsRecorded([[0, 10]])])
      .when(recordReadings([reading(0, 12), reading(0, 10)]))
      .then([]);
  });

  it('stores the readings that pass and leaves the refused ones out', () => {
    given([])
      .when(recordReadings([reading(0, 10), reading(1, -1), reading(2, 99), reading(3, 7)]))
      .then([
        readingsRecorded([
          [0, 10],
          [3, 7],
        ]),
      ]);
  });

  it('returns [] when every reading is refused', () => {
    given([])
      .when(recordReadings([reading(0, Number.NaN)]))
      .then([]);
  });

  it('normalises instants with offsets to canonical UTC and -0 to 0', () => {
    given([])
      .when(recordReadings([{ intervalStart: '2025-03-10T00:15:00+09:00', energyKwh: -0 }]))
      .then([readingsRecorded([[1, 0]])]);
  });

  it('lets a site net meter read export as negative energy', () => {
    given([])
      .when(
        recordReadings([reading(0, -20), reading(1, 30)], {
          meterId: 'site-1',
          meterKind: 'site',
          limitKwh: 52.5,
          exportLimitKwh: 26.25,
        }),
      )
      .then([
        readingsRecorded(
          [
            [0, -20],
            [1, 30],
          ],
          { meterId: 'site-1', meterKind: 'site' },
        ),
      ]);
  });
});

describe('rules of a meter day', () => {
  it('refuses a batch of another meter kind on a stream', () => {
    given([readingsRecorded([[0, 10]])])
      .when(recordReadings([reading(1, 10)], { meterKind: 'site' }))
      .thenThrows('METER.KIND_MISMATCH', 'meterKind');
  });

  it('refuses a batch on another grid than the day was read on', () => {
    given([readingsRecorded([[0, 10]])])
      .when(recordReadings([{ intervalStart: slot(0), energyKwh: 10 }], { intervalMinutes: 60 }))
      .thenThrows('METER.INTERVAL_LENGTH_MISMATCH', 'intervalMinutes');
  });

  it.each([
    [{ meterId: 'pv 1' }, 'METER.INVALID_METER_ID', 'meterId'],
    [{ meterKind: 'gas' as never }, 'METER.INVALID_METER_KIND', 'meterKind'],
    [{ day: '2025-02-30' }, 'METER.INVALID_DAY', 'day'],
    [{ intervalMinutes: 7 }, 'METER.INVALID_INTERVAL_LENGTH', 'intervalMinutes'],
    [{ intervalMinutes: '15' as never }, 'METER.INVALID_INTERVAL_LENGTH', 'intervalMinutes'],
    [{ limitKwh: Number.NaN }, 'METER.INVALID_LIMIT', 'limitKwh'],
    [{ exportLimitKwh: -1 }, 'METER.INVALID_LIMIT', 'exportLimitKwh'],
    [{ now: 'yesterday' }, 'METER.INVALID_INPUT', 'now'],
  ])('refuses a command with %j as %s', (override, code, field) => {
    given([])
      .when(recordReadings([reading(0, 1)], override))
      .thenThrows(code, field);
  });
});

describe('meter stream ids', () => {
  it('names one stream per meter and trading day', () => {
    expect(toMeterStreamId('der', 'pv-1', METER_DAY)).toBe('meter-der-pv-1-2025-03-10');
    expect(toMeterStreamId('site', 'pv-1', METER_DAY)).toBe('meter-site-pv-1-2025-03-10');
  });

  it('refuses ids that would not fit a stream id', () => {
    expect(toMeterStreamId('site', 'x'.repeat(178), METER_DAY)).toHaveLength(200);
    expectDomainError(
      () => toMeterStreamId('der', 'x'.repeat(179), METER_DAY),
      'METER.INVALID_METER_ID',
    );
    expectDomainError(() => toMeterStreamId('der', 'pv-1', '2025-3-10'), 'METER.INVALID_DAY');
  });
});
