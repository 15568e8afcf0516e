import { describe, expect, it } from '@jest/globals';
import type { ReportData } from '../../src/report/report-data.js';
import { parseSchedules } from '../../src/report/report-data.js';
import {
  awardRows,
  deliveredKindRows,
  kindValueRows,
  socIntervalSeries,
  socRows,
} from '../../src/report/report-figures.js';
import { reportPage } from '../../src/report/report-page.js';

const base: ReportData = {
  day: '2024-06-03',
  portfolioId: '<img src=x onerror=alert(1)>',
  market: 'mainland',
  store: '/tmp/"store"',
  bid: undefined,
  simulation: {},
  schedules: [],
  endSocKwh: [],
  derKinds: {},
};

describe('report page', () => {
  it('escapes every text from the store and says what is missing', () => {
    const html = reportPage(base);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('/tmp/&quot;store&quot;');
    expect(html).toContain('No bid is recorded for this day.');
    expect(html).toContain('The day is not delivered yet');
    expect(html).toContain('No battery state of charge is recorded.');
    expect(html).toContain('could not be drawn again here');
    expect(html).not.toMatch(/<script|https?:\/\//i);
  });

  it('reads schedules defensively and attributes them per asset kind and battery', () => {
    const { schedules, endSocKwh } = parseSchedules({
      scenarios: [
        {
          scenario: 0,
          probability: 0.25,
          netPositionKw: [1],
          assetKw: { b1: [4, -2], p1: [8, 8] },
        },
        { scenario: 1, probability: 0.75, netPositionKw: [1], assetKw: { b1: [0, 0], p1: [4, 4] } },
        'not a scenario',
      ],
      endSocKwh: [{ b1: 10 }, { b1: 20, bad: 'x' }],
    });
    expect(schedules).toHaveLength(2);
    expect(endSocKwh).toEqual([{ b1: 10 }, { b1: 20 }]);
    const data: ReportData = {
      ...base,
      schedules,
      endSocKwh,
      derKinds: { b1: 'ess', p1: 'pv' },
      simulation: {
        delivery: {
          portfolioId: 'p',
          market: 'mainland',
          tradingDay: '2024-06-03',
          intervalMinutes: 60,
          submissionId: null,
          noiseSeed: 's',
          pvRelativeStd: 0,
          loadRelativeStd: 0,
          awardedNetKwh: Array.from({ length: 24 }, () => 0),
          deliveredNetKwh: Array.from({ length: 24 }, (_, t) => t),
          pvForecastKwh: [],
          pvActualKwh: [],
          pvCapacityKw: 0,
          essFinalSocKwh: { b1: 17 },
          essSocKwh: { b1: Array.from({ length: 24 }, (_, t) => (t < 12 ? 10 : 17)) },
          kindNetKwh: {
            pv: Array.from({ length: 24 }, (_, t) => (t === 1 ? 3 : 0)),
            load: Array.from({ length: 24 }, (_, t) => (t === 0 ? -2 : 0)),
          },
          dayAheadSmpKrwPerKwh: [100, 200, ...Array.from({ length: 22 }, () => null)],
          gridViolations: 0,
          deliveredAt: '2024-06-03T15:00:00.000Z',
        },
      },
    };
    // Planned SoC: 0.25 x 10 + 0.75 x 20; actual from the twin.
    expect(socRows(data)).toEqual([{ derId: 'b1', plannedEndKwh: 17.5, actualEndKwh: 17 }]);
    // ess: 0.25 x (4 x 100 - 2 x 200) = 0 KRW over 0.5 kWh; pv: (0.25 x 8 + 0.75 x 4) x 300.
    expect(kindValueRows(data)).toEqual([
      { kind: 'ess', assets: 1, plannedNetKwh: 0.5, plannedValueKrw: 0 },
      { kind: 'pv', assets: 1, plannedNetKwh: 10, plannedValueKrw: 1500 },
    ]);
    expect(socIntervalSeries(data)).toEqual([
      { derId: 'b1', socKwh: Array.from({ length: 24 }, (_, t) => (t < 12 ? 10 : 17)) },
    ]);
    // Delivered energy per kind at the day's prices: pv 3 kWh x 200, load -2 kWh x 100.
    expect(
      deliveredKindRows(data).map(({ kind, deliveredKwh, valueKrw }) => ({
        kind,
        deliveredKwh,
        valueKrw,
      })),
    ).toEqual([
      { kind: 'load', deliveredKwh: -2, valueKrw: -200 },
      { kind: 'pv', deliveredKwh: 3, valueKrw: 600 },
    ]);
    const rows = awardRows(data);
    expect(rows).toHaveLength(24);
    expect(rows[5]).toMatchObject({ label: '05:00-06:00', deliveredNetKwh: 5, deviationKwh: 5 });
  });
});
