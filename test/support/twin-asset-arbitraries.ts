import fc from 'fast-check';
import type {
  DerParameters,
  DrLoadParameters,
  EssParameters,
  EvChargerParameters,
  FuelCellParameters,
  PvParameters,
} from '../../domain/ders/index.js';
import type { PvProfile, TwinEvSession, TwinFuelCellInitial } from '../../domain/twin/index.js';
import { drLoad, ess, evCharger, fuelCell, pv } from './builders/der.builders.js';

/** Random, valid DERs of each kind with a horizon of `count` intervals of inputs and setpoints. */
/**
 * Mostly values on a 1/1000 grid of the range (realistic, and they hit limits exactly), sometimes
 * any double in it (fast-check then favours extremes such as 1e-300, which find rounding bugs).
 */
export const dbl = (min: number, max: number) =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.integer({ min: 0, max: 1000 }).map((i) => min + ((max - min) * i) / 1000),
    },
    { weight: 1, arbitrary: fc.double({ min, max, noNaN: true }) },
  );
export const series = <T>(count: number, value: fc.Arbitrary<T>) =>
  fc.array(value, { minLength: count, maxLength: count });
/** Setpoints are often exactly zero (idle) in real schedules; mix those in. */
const signedKw = (limit: number) => fc.oneof(fc.constant(0), dbl(-limit, limit));
const fractions = (n: number) =>
  fc.array(dbl(0, 1), { minLength: n, maxLength: n }).map((xs) => [...xs].sort((a, b) => a - b));

const typed = <P extends DerParameters>(p: P): P => p;

export const pvArb = (count: number) =>
  fc
    .record({
      capacityKwp: dbl(1, 200),
      inverterRatio: dbl(0.5, 1.2),
      curtailable: fc.boolean(),
      values: series(count, dbl(0, 250)),
      irradiance: fc.boolean(),
      caps: fc.option(series(count, fc.option(dbl(0, 250), { nil: null })), { nil: undefined }),
    })
    .map(({ capacityKwp, inverterRatio, curtailable, values, irradiance, caps }) => ({
      parameters: typed<PvParameters>(
        pv({ capacityKwp, inverterKw: capacityKwp * inverterRatio, curtailable } as never),
      ),
      profile: (irradiance
        ? { irradianceWPerM2: values.map((v) => v * 5) }
        : { availableKw: values }) as PvProfile,
      caps,
    }));

export const essArb = (count: number) =>
  fc
    .record({
      chargeKw: dbl(1, 100),
      dischargeKw: dbl(1, 100),
      energyKwh: dbl(10, 500),
      chargeEfficiency: dbl(0.6, 1),
      dischargeEfficiency: dbl(0.6, 1),
      window: fractions(3),
      setpoints: series(count, signedKw(150)),
    })
    .map(({ window: [min = 0, soc = 0, max = 0], setpoints, ...o }) => ({
      parameters: typed<EssParameters>(
        ess({ ...o, minSocKwh: min * o.energyKwh, maxSocKwh: max * o.energyKwh } as never),
      ),
      socKwh: soc * o.energyKwh,
      setpoints,
    }));

const sessionsArb = (count: number) =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: count + 2 }), { minLength: 2, maxLength: 4 })
    .chain((points) => {
      const sorted = [...points].sort((a, b) => a - b);
      const pairs: [number, number][] = [];
      for (let i = 0; i + 1 < sorted.length; i += 2)
        if ((sorted[i] ?? 0) < count) pairs.push([sorted[i] ?? 0, sorted[i + 1] ?? 0]);
      return fc.tuple(
        ...pairs.map(([arrivalIndex, departureIndex], i) =>
          fc
            .record({ batteryKwh: dbl(10, 100), energies: fractions(2) })
            .map(({ batteryKwh, energies: [a = 0, b = 0] }): TwinEvSession => ({
              sessionId: `s${i}`,
              arrivalIndex,
              departureIndex,
              batteryKwh,
              energyOnArrivalKwh: a * batteryKwh,
              energyRequiredAtDepartureKwh: b * batteryKwh,
            })),
        ),
      );
    });

export const evArb = (count: number) =>
  fc
    .record({
      maxChargeKw: dbl(1, 22),
      maxDischargeKw: fc.oneof(fc.constant(0), dbl(0, 22)),
      efficiency: dbl(0.7, 1),
      sessions: sessionsArb(count),
      setpoints: series(count, signedKw(30)),
    })
    .map(({ sessions, setpoints, ...o }) => ({
      parameters: typed<EvChargerParameters>(evCharger(o as never)),
      sessions,
      setpoints,
    }));

export const fuelCellArb = (count: number) =>
  fc
    .record({
      ratedKw: dbl(1, 50),
      levels: fractions(2),
      rampKwPerMinute: dbl(0.01, 5),
      on: fc.boolean(),
      setpoints: fc.option(series(count, fc.oneof(fc.constant(0), dbl(0, 60))), { nil: undefined }),
    })
    .map(({ ratedKw, levels: [min = 0, output = 0], rampKwPerMinute, on, setpoints }) => ({
      parameters: typed<FuelCellParameters>(
        fuelCell({ ratedKw, minStableKw: min * ratedKw, rampKwPerMinute } as never),
      ),
      initial: { on, outputKw: on ? output * ratedKw : 0 } as TwinFuelCellInitial,
      setpoints,
    }));

export const drArb = (count: number) =>
  fc
    .record({
      maxReductionKw: dbl(1, 300),
      minDurationMinutes: fc.integer({ min: 1, max: 120 }),
      extraMinutes: fc.integer({ min: 0, max: 120 }),
      maxActivationsPerDay: fc.integer({ min: 1, max: 4 }),
      spareQuarters: fc.integer({ min: 0, max: 80 }),
      allOrNothing: fc.boolean(),
      baselines: series(count, dbl(0, 400)),
      // Requests come in runs, as activations do: repeat a level for a few intervals.
      requests: fc
        .array(
          fc.tuple(
            fc.oneof(fc.constant(0), fc.constant(100), dbl(0, 350)),
            fc.integer({ min: 1, max: 8 }),
          ),
          {
            minLength: count,
            maxLength: count,
          },
        )
        .map((runs) => runs.flatMap(([kw, n]) => Array<number>(n).fill(kw)).slice(0, count)),
    })
    .map(({ minDurationMinutes, extraMinutes, spareQuarters, baselines, requests, ...o }) => ({
      parameters: typed<DrLoadParameters>(
        drLoad({
          ...o,
          minDurationMinutes,
          maxDurationMinutes: minDurationMinutes + extraMinutes,
          maxHoursPerDay: Math.min(24, Math.ceil(minDurationMinutes / 15) / 4 + spareQuarters / 4),
        } as never),
      ),
      baselines,
      requests,
    }));
