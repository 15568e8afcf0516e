import fc from 'fast-check';
import { DateTime } from 'luxon';
import { Interval } from '../../../domain/shared/time/interval.js';
import { expectDomainError } from '../../support/expect-domain-error.js';
import { instantArb } from '../../support/time-arbitraries.js';

const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const interval = (start: string, end: string) => Interval.of(utc(start), utc(end));

describe('Interval', () => {
  const hour = interval('2024-06-01T01:00', '2024-06-01T02:00');

  it('is [start, end): contains its start, not its end', () => {
    expect(hour.contains(utc('2024-06-01T01:00'))).toBe(true);
    expect(hour.contains(utc('2024-06-01T01:59:59.999'))).toBe(true);
    expect(hour.contains(utc('2024-06-01T02:00'))).toBe(false);
    expect(hour.contains(utc('2024-06-01T00:59:59.999'))).toBe(false);
  });

  it('reports its duration in hours and minutes', () => {
    expect(hour.durationHours).toBe(1);
    expect(interval('2024-06-01T01:00', '2024-06-01T01:15').durationHours).toBe(0.25);
    expect(interval('2024-06-01T01:00', '2024-06-01T01:05').durationMinutes).toBe(5);
  });

  it('stores instants in UTC whatever zone they came in', () => {
    const fromKst = Interval.of(
      DateTime.fromISO('2024-06-01T10:00:00+09:00', { setZone: true }),
      DateTime.fromISO('2024-06-01T11:00:00+09:00', { setZone: true }),
    );
    expect(fromKst.equals(hour)).toBe(true);
    expect(fromKst.start.zoneName).toBe('UTC');
  });

  it.each([
    ['an empty interval', '2024-06-01T01:00', '2024-06-01T01:00'],
    ['a reversed interval', '2024-06-01T02:00', '2024-06-01T01:00'],
  ])('rejects %s with TIME.INVALID_INTERVAL', (_label, start, end) => {
    expectDomainError(() => interval(start, end), 'TIME.INVALID_INTERVAL');
  });

  it('rejects invalid instants with TIME.INVALID_INSTANT and names the end at fault', () => {
    const error = expectDomainError(
      () => Interval.of(utc('2024-06-01T01:00'), DateTime.invalid('test')),
      'TIME.INVALID_INSTANT',
    );
    expect(error.field).toBe('end');
  });

  it('overlaps only when an instant is shared; touching intervals do not overlap', () => {
    const next = interval('2024-06-01T02:00', '2024-06-01T03:00');
    const straddling = interval('2024-06-01T01:30', '2024-06-01T02:30');
    expect(hour.overlaps(next)).toBe(false);
    expect(hour.overlaps(straddling)).toBe(true);
    expect(straddling.overlaps(next)).toBe(true);
    expect(hour.encloses(interval('2024-06-01T01:15', '2024-06-01T01:30'))).toBe(true);
    expect(hour.encloses(straddling)).toBe(false);
  });

  it('writes and parses the ISO 8601 form start/end', () => {
    expect(hour.toString()).toBe('2024-06-01T01:00:00.000Z/2024-06-01T02:00:00.000Z');
    expect(JSON.stringify(hour)).toBe('"2024-06-01T01:00:00.000Z/2024-06-01T02:00:00.000Z"');
    expect(Interval.parse(hour.toString()).equals(hour)).toBe(true);
    expect(Interval.parse('2024-06-01T10:00+09:00/2024-06-01T11:00+09:00').equals(hour)).toBe(true);
  });

  it.each([
    '2024-06-01T01:00:00/2024-06-01T02:00:00',
    '2024-06-01T01:00:00Z',
    '2024-06-01T01:00:00Z/2024-06-01T02:00:00Z/2024-06-01T03:00:00Z',
    'garbage/more',
    '2024-06-01T02:00:00Z/2024-06-01T01:00:00Z',
  ])('rejects %p', (text) => {
    expectDomainError(() => Interval.parse(text), 'TIME.INVALID_INTERVAL');
  });

  it('sorts by start, then end', () => {
    const sorted = [interval('2024-06-01T01:00', '2024-06-01T03:00'), hour].sort(Interval.compare);
    expect(sorted[0]?.equals(hour)).toBe(true);
  });

  describe('properties', () => {
    const intervalArb = fc
      .tuple(instantArb(), fc.integer({ min: 1, max: 7 * 86_400_000 }))
      .map(([start, lengthMs]) => Interval.of(start, start.plus(lengthMs)));

    it('parse(toString(i)) equals i, and the text sorts like the interval', () => {
      fc.assert(
        fc.property(intervalArb, intervalArb, (a, b) => {
          expect(Interval.parse(a.toString()).equals(a)).toBe(true);
          if (a.startMs !== b.startMs) expect(a.toString() < b.toString()).toBe(a.compareTo(b) < 0);
        }),
      );
    });

    it('overlap is symmetric and matches "some instant lies in both"', () => {
      fc.assert(
        fc.property(intervalArb, intervalArb, (a, b) => {
          expect(a.overlaps(b)).toBe(b.overlaps(a));
          const latestStart = Math.max(a.startMs, b.startMs);
          expect(a.overlaps(b)).toBe(
            a.contains(DateTime.fromMillis(latestStart)) &&
              b.contains(DateTime.fromMillis(latestStart)),
          );
        }),
      );
    });
  });
});
