import { DateTime } from 'luxon';
import { SimulatedClock } from '../../../src/infrastructure/clock/simulated-clock.js';
import { SystemClock } from '../../../src/infrastructure/clock/system-clock.js';
import { expectDomainError } from '../../support/expect-domain-error.js';

const start = DateTime.fromISO('2024-06-01T00:00:00+09:00', { setZone: true });

describe('SimulatedClock', () => {
  it('given a start instant, reports it in UTC until told to move', () => {
    const clock = new SimulatedClock(start);
    expect(clock.now().toISO()).toBe('2024-05-31T15:00:00.000Z');
    expect(clock.now().equals(clock.now())).toBe(true);
  });

  it('advances to a later instant or by a duration', () => {
    const clock = new SimulatedClock(start);
    clock.advanceBy({ minutes: 15 });
    expect(clock.now().toISO()).toBe('2024-05-31T15:15:00.000Z');
    clock.advanceTo(DateTime.fromISO('2024-06-01T10:00:00+09:00'));
    expect(clock.now().toISO()).toBe('2024-06-01T01:00:00.000Z');
  });

  it('allows standing still', () => {
    const clock = new SimulatedClock(start);
    clock.advanceTo(start);
    clock.advanceBy({ minutes: 0 });
    expect(clock.now().toMillis()).toBe(start.toMillis());
  });

  it('never moves backwards', () => {
    const clock = new SimulatedClock(start);
    clock.advanceBy({ hours: 1 });
    expectDomainError(() => clock.advanceTo(start), 'CLOCK.MOVED_BACKWARDS');
    expectDomainError(() => clock.advanceBy({ minutes: -1 }), 'CLOCK.MOVED_BACKWARDS');
    expect(clock.now().toISO()).toBe('2024-05-31T16:00:00.000Z');
  });

  it('rejects an invalid start', () => {
    expectDomainError(() => new SimulatedClock(DateTime.invalid('test')), 'TIME.INVALID_INSTANT');
  });
});

describe('SystemClock', () => {
  it('reads the host clock in UTC', () => {
    const now = new SystemClock().now();
    expect(now.zoneName).toBe('UTC');
    expect(Math.abs(now.toMillis() - Date.now())).toBeLessThan(5_000);
  });
});
