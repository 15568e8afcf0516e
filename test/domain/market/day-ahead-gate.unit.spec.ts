import fc from 'fast-check';
import {
  dayAheadGateMs,
  firstOpenTradingDay,
  gateMinutesKst,
} from '../../../domain/market/day-ahead-gate.js';
import { TradingDay } from '../../../domain/shared/time/trading-day.js';
import { expectDomainError } from '../../support/expect-domain-error.js';

describe('firstOpenTradingDay', () => {
  it.each([
    ['2025-03-10T00:00:00+09:00', '2025-03-11'],
    ['2025-03-10T09:59:59.999+09:00', '2025-03-11'],
    // At the gate instant the gate is closed: offers are due before it.
    ['2025-03-10T10:00:00+09:00', '2025-03-12'],
    ['2025-03-10T10:00:00.001+09:00', '2025-03-12'],
    ['2025-03-10T23:59:59.999+09:00', '2025-03-12'],
    // 00:30 UTC on 03-10 is 09:30 KST on 03-10; 15:00 UTC on 03-09 is already 03-10 in KST.
    ['2025-03-10T00:30:00.000Z', '2025-03-11'],
    ['2025-03-09T15:00:00.000Z', '2025-03-11'],
    ['2025-03-09T14:59:59.999Z', '2025-03-11'],
    ['2025-03-09T01:00:00.000Z', '2025-03-11'],
    // Year and month ends.
    ['2025-12-31T11:00:00+09:00', '2026-01-02'],
    ['2024-02-28T09:00:00+09:00', '2024-02-29'],
  ])('at %s (gate 10:00 KST) is %s', (now, day) => {
    expect(firstOpenTradingDay(now).toString()).toBe(day);
  });

  it('takes the gate time as a parameter', () => {
    expect(firstOpenTradingDay('2025-03-10T11:00:00+09:00', '12:00').toString()).toBe('2025-03-11');
    expect(firstOpenTradingDay('2025-03-10T12:00:00+09:00', '12:00').toString()).toBe('2025-03-12');
    // A midnight gate is already closed at 00:00 of today: tomorrow's bid is gone.
    expect(firstOpenTradingDay('2025-03-10T00:00:00+09:00', '00:00').toString()).toBe('2025-03-12');
    expect(firstOpenTradingDay('2025-03-10T23:58:59+09:00', '23:59').toString()).toBe('2025-03-11');
  });

  it('is the first day whose gate is still ahead, for any instant and gate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 0, 1) }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (nowMs, hour, minute) => {
          const gate = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const day = firstOpenTradingDay(new Date(nowMs).toISOString(), gate);
          expect(dayAheadGateMs(day, gate)).toBeGreaterThan(nowMs);
          expect(dayAheadGateMs(day.previous(), gate)).toBeLessThanOrEqual(nowMs);
        },
      ),
    );
  });

  it.each(['24:00', '9:00', '10:60', '10-00', ''])('rejects the gate time %j', (gate) => {
    expect(expectDomainError(() => gateMinutesKst(gate), 'MARKET.INVALID_GATE_TIME').field).toBe(
      'gateKst',
    );
    expectDomainError(
      () => firstOpenTradingDay('2025-03-10T00:00:00Z', gate),
      'MARKET.INVALID_GATE_TIME',
    );
  });

  it('rejects an instant without an offset', () => {
    const error = expectDomainError(
      () => firstOpenTradingDay('2025-03-10T10:00:00'),
      'MARKET.INVALID_INPUT',
    );
    expect(error.field).toBe('now');
  });

  it('puts the gate of day D at D-1 10:00 KST', () => {
    expect(new Date(dayAheadGateMs(TradingDay.parse('2025-03-11'))).toISOString()).toBe(
      '2025-03-10T01:00:00.000Z',
    );
  });
});
