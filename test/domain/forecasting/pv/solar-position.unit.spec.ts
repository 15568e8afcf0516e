import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { solarPosition } from '../../../../domain/forecasting/pv/solar-position.js';
import { TradingDay } from '../../../../domain/shared/time/trading-day.js';

const SEOUL = { latitude: 37.5665, longitude: 126.978 };
const kst = (day: string, hour: number, minute = 0): number =>
  TradingDay.parse(day).at(hour, minute).toMillis();

/** The sub-minute instant of the highest sun between 11:00 and 14:00 KST, and the sun there. */
const solarNoon = (day: string) => {
  let best = { ms: 0, zenith: 180, azimuth: 0 };
  for (let minute = 11 * 60; minute <= 14 * 60; minute++) {
    const ms = kst(day, 0) + minute * 60_000;
    const sun = solarPosition(SEOUL.latitude, SEOUL.longitude, ms);
    if (sun.zenithDeg < best.zenith) best = { ms, zenith: sun.zenithDeg, azimuth: sun.azimuthDeg };
  }
  return { ...best, kstMinutes: (best.ms - kst(day, 0)) / 60_000 };
};

describe('solarPosition (NOAA equations)', () => {
  // Reference figures: the NOAA solar calculator / astronomical almanac for 2024.
  it.each([
    // day, declination°, noon zenith° at Seoul (= latitude - declination), solar noon KST (min)
    ['2024-03-20', 0.0, 37.57, 12 * 60 + 39.5],
    ['2024-06-20', 23.44, 14.13, 12 * 60 + 33.7],
    ['2024-12-21', -23.44, 61.0, 12 * 60 + 30.2],
  ])(
    'on %s: declination %d°, noon zenith %d°, solar noon within a minute',
    (day, decl, zenith, noon) => {
      const at = solarNoon(day);
      expect(Math.abs(at.zenith - zenith)).toBeLessThan(0.5);
      expect(Math.abs(at.azimuth - 180)).toBeLessThan(0.5);
      expect(Math.abs(at.kstMinutes - noon)).toBeLessThanOrEqual(1);
      const sun = solarPosition(SEOUL.latitude, SEOUL.longitude, at.ms);
      expect(Math.abs(sun.declinationDeg - decl)).toBeLessThan(0.5);
    },
  );

  it('reproduces the equation of time extremes (-14.2 min mid-February, +16.4 min early November)', () => {
    expect(solarPosition(0, 0, Date.UTC(2024, 1, 11, 12)).equationOfTimeMinutes).toBeCloseTo(
      -14.2,
      0,
    );
    expect(solarPosition(0, 0, Date.UTC(2024, 10, 3, 12)).equationOfTimeMinutes).toBeCloseTo(
      16.4,
      0,
    );
  });

  it('rises in the north-east and sets in the north-west around the June solstice', () => {
    const dawnBefore = solarPosition(SEOUL.latitude, SEOUL.longitude, kst('2024-06-21', 5, 0));
    const dawnAfter = solarPosition(SEOUL.latitude, SEOUL.longitude, kst('2024-06-21', 5, 30));
    const duskBefore = solarPosition(SEOUL.latitude, SEOUL.longitude, kst('2024-06-21', 19, 45));
    const duskAfter = solarPosition(SEOUL.latitude, SEOUL.longitude, kst('2024-06-21', 20, 10));
    expect(dawnBefore.zenithDeg).toBeGreaterThan(90);
    expect(dawnAfter.zenithDeg).toBeLessThan(90);
    expect(dawnAfter.azimuthDeg).toBeGreaterThan(45);
    expect(dawnAfter.azimuthDeg).toBeLessThan(75);
    expect(duskBefore.zenithDeg).toBeLessThan(90);
    expect(duskAfter.zenithDeg).toBeGreaterThan(90);
    expect(duskBefore.azimuthDeg).toBeGreaterThan(285);
  });

  it('earth-sun distance is ~0.983 AU at perihelion and ~1.017 AU at aphelion', () => {
    expect(solarPosition(0, 0, Date.UTC(2024, 0, 3)).earthSunDistanceAu).toBeCloseTo(0.9833, 3);
    expect(solarPosition(0, 0, Date.UTC(2024, 6, 5)).earthSunDistanceAu).toBeCloseTo(1.0167, 3);
  });

  it('always returns a consistent zenith, cosine and a bearing in [0, 360)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -89, max: 89, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) }),
        (latitude, longitude, ms) => {
          const sun = solarPosition(latitude, longitude, ms);
          expect(sun.zenithDeg).toBeGreaterThanOrEqual(0);
          expect(sun.zenithDeg).toBeLessThanOrEqual(180);
          expect(Math.cos((sun.zenithDeg * Math.PI) / 180)).toBeCloseTo(sun.cosZenith, 9);
          expect(sun.azimuthDeg).toBeGreaterThanOrEqual(0);
          expect(sun.azimuthDeg).toBeLessThan(360);
          expect(Math.abs(sun.declinationDeg)).toBeLessThanOrEqual(23.45);
        },
      ),
    );
  });
});
