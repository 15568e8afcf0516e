import { describe, expect, it } from '@jest/globals';
import type { ProgressSink } from '../../src/cli/progress-bar.js';
import { TradingDay } from '../../domain/shared/time/trading-day.js';
import { demoSiteLoadKwh } from '../../src/fixtures/demo-site-load.js';
import { DayProgress } from '../../src/simulation/day-progress.js';
import { evSessionsOfDay } from '../../src/simulation/ev-session-plan.js';
import { lookAheadDayOf } from '../../src/simulation/look-ahead-day.js';
import type { SimulatedMicro } from '../../src/simulation/portfolio-day.reader.js';
import { SIMULATION_DAY_SCHEMAS } from '../../src/simulation/simulation-day.events.js';
import type { RecordedEvent } from '../../src/infrastructure/event-store/event-store.port.js';

const sink = (isTty: boolean): ProgressSink & { text: () => string } => {
  let text = '';
  return { write: (t) => (text += t), isTty, text: () => text };
};

describe('DayProgress', () => {
  it('prints one plain line per delivered day off a terminal, stages implied by later steps', () => {
    const out = sink(false);
    const progress = new DayProgress(out, ['2024-06-03', '2024-06-04']);
    progress.start();
    progress.step({ day: '2024-06-03', step: 'forecast', done: true });
    progress.step({ day: '2024-06-03', step: 'bid', done: true });
    progress.step({ day: '2024-06-05', step: 'bid', done: true }); // the look-ahead day: not shown
    expect(out.text()).toBe('');
    progress.step({ day: '2024-06-03', step: 'deliver', done: false }); // found done in the store
    progress.finish();
    expect(out.text()).toBe(
      'simulate: 2024-06-03 forecast, bid, clearing, delivery done (1/2 days)\n',
    );
  });

  it('redraws a block of one bar per day in place on a terminal', () => {
    const out = sink(true);
    let now = 0;
    const progress = new DayProgress(out, ['2024-06-03', '2024-06-04'], { now: () => now });
    progress.start();
    now = 1000;
    progress.step({ day: '2024-06-04', step: 'results', done: true });
    progress.finish();
    const text = out.text();
    expect(text).toContain('\x1b[2A'); // back to the block's first line
    expect(text).toContain(
      '2024-06-04 [############----] forecast ok  bid ok  clearing ok  delivery ..',
    );
    expect(text).toContain('2024-06-03 [----------------] forecast ..');
  });
});

describe('lookAheadDayOf', () => {
  const smp = {
    firstDay: TradingDay.parse('2024-06-01'),
    values: new Float64Array(24 * 5).fill(100),
    unit: 'KRW/kWh',
  } as const;
  it('is the day after the last when the exchange has its prices, else none', () => {
    const days = [TradingDay.parse('2024-06-02'), TradingDay.parse('2024-06-03')];
    expect(lookAheadDayOf(days, smp, undefined)?.toString()).toBe('2024-06-04');
    expect(lookAheadDayOf([TradingDay.parse('2024-06-05')], smp, undefined)).toBeUndefined();
    expect(lookAheadDayOf([], smp, undefined)).toBeUndefined();
    const endOf2024 = [TradingDay.parse('2024-12-31')];
    expect(lookAheadDayOf(endOf2024, smp, 'merit-order')).toBeUndefined();
  });
});

describe('demo inputs', () => {
  const charger = (derId: string, microVppId: string): SimulatedMicro =>
    ({
      microVppId,
      settings: { tier: 'micro', siteId: microVppId },
      ders: [
        {
          derId,
          parameters: { kind: 'ev_charger', maxChargeKw: 10, maxDischargeKw: 5, efficiency: 0.9 },
          evSessions: [],
        },
      ],
    }) as unknown as SimulatedMicro;

  it('plans seeded EV sessions: the HQ fleet on working days, other chargers daily', () => {
    const micros = [charger('hq-1', 'micro-hq-bundang'), charger('v2x', 'micro-v2x-daegu')];
    const monday = TradingDay.parse('2024-06-03');
    const sunday = TradingDay.parse('2024-06-09');
    const planned = evSessionsOfDay(micros, monday, 'seed');
    expect(planned.map((p) => p.derId)).toEqual(['hq-1', 'v2x']);
    expect(evSessionsOfDay(micros, monday, 'seed')).toEqual(planned);
    expect(evSessionsOfDay(micros, sunday, 'seed').map((p) => p.derId)).toEqual(['v2x']);
    for (const { session } of planned) {
      expect(session.arrival < session.departure).toBe(true);
      expect(session.energyRequiredAtDepartureKwh).toBeGreaterThan(session.energyOnArrivalKwh);
    }
  });

  it('gives each demo site a seeded load shape, higher on working days', () => {
    const monday = demoSiteLoadKwh('kt-hq-bundang', TradingDay.parse('2024-06-03'), 60, 's');
    const sunday = demoSiteLoadKwh('kt-hq-bundang', TradingDay.parse('2024-06-09'), 60, 's');
    expect(monday).toHaveLength(24);
    expect(demoSiteLoadKwh('kt-hq-bundang', TradingDay.parse('2024-06-03'), 60, 's')).toEqual(
      monday,
    );
    const sum = (v: readonly number[] | undefined) => (v ?? []).reduce((a, b) => a + b, 0);
    expect(sum(monday)).toBeGreaterThan(1.3 * sum(sunday));
    // Afternoon above night, and within the site's 3 MW import limit.
    expect(monday?.[15] ?? 0).toBeGreaterThan(2 * (monday?.[3] ?? 0));
    expect(Math.max(...(monday ?? []))).toBeLessThan(3000);
    expect(demoSiteLoadKwh('kt-hq-bundang', TradingDay.parse('2024-06-03'), 15, 's')).toHaveLength(
      96,
    );
    expect(demoSiteLoadKwh('unknown', TradingDay.parse('2024-06-03'), 60, 's')).toBeUndefined();
  });
});

describe('SimulationDayDelivered schema', () => {
  it('reads a version 1 delivery with no SoC per interval and no energy per kind', () => {
    const v1 = {
      type: 'SimulationDayDelivered',
      data: { tradingDay: '2024-06-03', essFinalSocKwh: { b: 1 } },
      metadata: { schemaVersion: 1 },
    } as unknown as RecordedEvent;
    expect(SIMULATION_DAY_SCHEMAS.currentVersion('SimulationDayDelivered')).toBe(2);
    expect(SIMULATION_DAY_SCHEMAS.upcast(v1).data).toEqual({
      tradingDay: '2024-06-03',
      essFinalSocKwh: { b: 1 },
      essSocKwh: {},
      kindNetKwh: {},
    });
  });
});
