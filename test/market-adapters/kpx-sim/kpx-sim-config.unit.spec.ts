import { describe, expect, it } from '@jest/globals';
import { TradingDay } from '../../../domain/shared/time/trading-day.js';
import { kpxSimConfigFrom } from '../../../market-adapters/kpx-sim/config.js';
import { parseSmpCsv, smpHistoryOf } from '../../../market-adapters/kpx-sim/smp-history.js';
import { expectDomainError } from '../../support/expect-domain-error.js';

describe('kpx-sim configuration', () => {
  it('has defaults and reads KPX_SIM_* variables', () => {
    expect(kpxSimConfigFrom({})).toEqual({
      port: 7070,
      host: '127.0.0.1',
      dbPath: './data/kpx-sim.db',
      dataPath: '../shared/data/kpx',
      seed: 'kpx-sim',
      priceMode: 'historical',
    });
    expect(
      kpxSimConfigFrom({
        KPX_SIM_PORT: '0',
        KPX_SIM_DB: '/tmp/x.db',
        KPX_SIM_SEED: '42',
        KPX_SIM_DATA: '/data',
        KPX_SIM_START: '2024-06-02T00:00:00Z',
      }),
    ).toMatchObject({
      port: 0,
      dbPath: '/tmp/x.db',
      seed: '42',
      dataPath: '/data',
      startAt: '2024-06-02T00:00:00Z',
    });
  });

  it('reads KPX_SIM_PRICE_MODE and refuses an unknown mode', () => {
    expect(kpxSimConfigFrom({ KPX_SIM_PRICE_MODE: 'merit-order' }).priceMode).toBe('merit-order');
    expectDomainError(
      () => kpxSimConfigFrom({ KPX_SIM_PRICE_MODE: 'merit' }),
      'KPXSIM.INVALID_CONFIG',
    );
  });

  it.each(['abc', '-1', '70000', '1.5'])('refuses KPX_SIM_PORT=%s', (port) => {
    expectDomainError(() => kpxSimConfigFrom({ KPX_SIM_PORT: port }), 'KPXSIM.INVALID_CONFIG');
  });
});

describe('kpx-sim SMP reader', () => {
  const header = 'trading_day,hour_ending,smp_mainland_krw_per_kwh,smp_jeju_krw_per_kwh';

  it('reads hour-ending rows, keeping empty cells and absent rows as gaps', () => {
    const history = smpHistoryOf(
      parseSmpCsv(`${header}\n2024-06-01,1,90.5,100\n2024-06-01,24,,101.25\n2024-06-02,3,80,81\n`),
    );
    const day = TradingDay.parse('2024-06-01');
    expect(history.smpKrwPerKwh('mainland', day, 1)).toBe(90.5);
    expect(history.smpKrwPerKwh('jeju', day, 24)).toBe(101.25);
    expect(history.smpKrwPerKwh('mainland', day, 24)).toBeUndefined();
    expect(history.smpKrwPerKwh('mainland', day, 2)).toBeUndefined();
    expect(history.smpKrwPerKwh('jeju', day.next(), 3)).toBe(81);
    expect(history.smpKrwPerKwh('jeju', day.plusDays(5), 3)).toBeUndefined();
  });

  it.each([
    ['a missing column', 'trading_day,hour_ending,smp\n2024-06-01,1,1', ':1:'],
    ['a bad hour', `${header}\n2024-06-01,25,1,1`, ':2: hour_ending'],
    ['a bad date', `${header}\n2024-02-30,1,1,1`, ':2: trading_day'],
    ['a word for a price', `${header}\n2024-06-01,1,abc,1`, ':2: smp_mainland'],
    ['a repeated hour', `${header}\n2024-06-01,1,1,1\n2024-06-01,1,2,2`, ':3: this trading hour'],
    ['a short row', `${header}\n2024-06-01,1,1`, ':2: expected 4 fields'],
  ])('fails on %s, naming the line', (_name, text, message) => {
    const error = expectDomainError(() => parseSmpCsv(text, 'smp.csv'), 'KPXSIM.INVALID_SMP_FILE');
    expect(error.message).toContain(`smp.csv${message}`);
  });
});
