import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  extraterrestrialNormalWPerM2,
  ineichenClearSky,
  planeOfArray,
  relativeAirMass,
} from '../../../../domain/forecasting/pv/clear-sky.js';
import {
  SUB_STEPS_PER_DAY,
  clearSkyDayTrack,
  integrateSubSteps,
  planeOfArrayTrack,
} from '../../../../domain/forecasting/pv/sub-step-irradiance.js';
import { TradingDay } from '../../../../domain/shared/time/trading-day.js';

describe('clear-sky irradiance', () => {
  it('air mass is 1 overhead, ~2 at 60°, and grows towards the horizon', () => {
    expect(relativeAirMass(0)).toBeCloseTo(1, 2);
    expect(relativeAirMass(60)).toBeCloseTo(2, 1);
    expect(relativeAirMass(89)).toBeGreaterThan(20);
    expect(relativeAirMass(95)).toBe(Number.POSITIVE_INFINITY);
  });

  it('gives a plausible clear noon: GHI ~1000 W/m² with a high sun, components consistent', () => {
    const sky = ineichenClearSky(15, extraterrestrialNormalWPerM2(1.016));
    expect(sky.ghi).toBeGreaterThan(900);
    expect(sky.ghi).toBeLessThan(1100);
    expect(sky.dni * Math.cos((15 * Math.PI) / 180) + sky.dhi).toBeCloseTo(sky.ghi, 6);
  });

  it('is dark with the sun below the horizon', () => {
    expect(ineichenClearSky(90.5, 1361)).toEqual({ ghi: 0, dni: 0, dhi: 0 });
  });

  it('a south-facing tilted panel gets more than horizontal at a low winter noon sun', () => {
    const sky = ineichenClearSky(61, 1400);
    const poa = planeOfArray(61, 180, { tiltDeg: 30, azimuthDeg: 180 }, sky);
    expect(poa).toBeGreaterThan(sky.ghi);
  });

  it('irradiance components are never negative and POA never exceeds 1.5 × extraterrestrial', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 360, noNaN: true }),
        fc.double({ min: 0, max: 90, noNaN: true }),
        fc.double({ min: 0, max: 360, noNaN: true }),
        fc.double({ min: 2, max: 7, noNaN: true }),
        (zenith, sunAzimuth, tilt, azimuth, turbidity) => {
          const sky = ineichenClearSky(zenith, 1361, { linkeTurbidity: turbidity });
          expect(sky.ghi).toBeGreaterThanOrEqual(0);
          expect(sky.dni).toBeGreaterThanOrEqual(0);
          expect(sky.dhi).toBeGreaterThanOrEqual(0);
          const poa = planeOfArray(zenith, sunAzimuth, { tiltDeg: tilt, azimuthDeg: azimuth }, sky);
          expect(poa).toBeGreaterThanOrEqual(0);
          expect(poa).toBeLessThanOrEqual(1.5 * 1361);
        },
      ),
    );
  });

  it('integrates a day: zero at night, and 15-minute intervals sum exactly to the hours', () => {
    const day = TradingDay.parse('2024-06-03');
    const poa = planeOfArrayTrack(clearSkyDayTrack(day, 36.5, 127.8), {
      tiltDeg: 30,
      azimuthDeg: 180,
    });
    expect(poa).toHaveLength(SUB_STEPS_PER_DAY);
    const hourly = integrateSubSteps(poa, 60);
    const quarter = integrateSubSteps(poa, 15);
    for (let h = 0; h < 24; h++) {
      const sum = quarter.subarray(h * 4, h * 4 + 4).reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(hourly[h] ?? Number.NaN, 9);
    }
    // 00:00-05:00 and 20:00-24:00 KST are night in June.
    for (const h of [0, 1, 2, 3, 4, 20, 21, 22, 23]) expect(hourly[h]).toBe(0);
    // A clear June day on a 30° south panel: roughly 7-9 kWh/m².
    const daily = hourly.reduce((a, b) => a + b, 0);
    expect(daily).toBeGreaterThan(7000);
    expect(daily).toBeLessThan(9500);
  });
});
