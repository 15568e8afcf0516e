import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { disaggregateGroup } from '../../../../domain/optimisation/aggregation/disaggregate-group.js';
import type {
  GroupSeries,
  GroupSetpoints,
} from '../../../../domain/optimisation/aggregation/disaggregate-storage.js';
import { memberViolation } from '../../../../domain/optimisation/aggregation/member-limits.js';
import type {
  CaseAsset,
  DrLoadAsset,
  EssAsset,
  EvChargerAsset,
  FuelCellAsset,
  PvAsset,
} from '../../../../domain/optimisation/portfolio/portfolio-case.js';

const INTERVALS = 24;
const GRID = { intervals: INTERVALS, intervalMinutes: 15 };
const HOURS = 0.25;

const series = (fields: Partial<Record<keyof GroupSeries, readonly number[]>>): GroupSeries => {
  const of = (key: keyof GroupSeries): Float64Array =>
    Float64Array.from({ length: INTERVALS }, (_, t) => fields[key]?.[t] ?? 0);
  return {
    chargeKw: of('chargeKw'),
    dischargeKw: of('dischargeKw'),
    socKwh: of('socKwh'),
    outputKw: of('outputKw'),
    reductionKw: of('reductionKw'),
  };
};

/** Every member within its own limits, and members plus deficit make up the group's target. */
const expectSound = (
  members: readonly CaseAsset[],
  setpoints: GroupSetpoints,
  targetKw: (t: number) => number,
): void => {
  members.forEach((member, i) => {
    expect(memberViolation(member, setpoints.powerKw[i]!, GRID)).toBeUndefined();
  });
  for (let t = 0; t < INTERVALS; t++) {
    let sum = 0;
    for (const p of setpoints.powerKw) sum += p[t]!;
    expect(sum + setpoints.deficitKw[t]!).toBeCloseTo(targetKw(t), 6);
  }
};

const kwSeries = (maxKw: number) =>
  fc.array(fc.double({ min: 0, max: maxKw, noNaN: true }), {
    minLength: INTERVALS,
    maxLength: INTERVALS,
  });

const essMember = fc
  .record({
    chargeKw: fc.double({ min: 1, max: 250, noNaN: true }),
    hoursOfStorage: fc.double({ min: 0.5, max: 4, noNaN: true }),
    minShare: fc.double({ min: 0, max: 0.2, noNaN: true }),
    maxShare: fc.double({ min: 0.8, max: 1, noNaN: true }),
    initialShare: fc.double({ min: 0, max: 1, noNaN: true }),
    finalShare: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
  })
  .map((r): Omit<EssAsset, 'id' | 'chargeEfficiency' | 'dischargeEfficiency'> => {
    const energyKwh = r.chargeKw * r.hoursOfStorage;
    const minSocKwh = r.minShare * energyKwh;
    const maxSocKwh = r.maxShare * energyKwh;
    const at = (share: number): number => minSocKwh + share * (maxSocKwh - minSocKwh);
    return {
      siteId: 'site',
      kind: 'ess',
      chargeKw: r.chargeKw,
      dischargeKw: r.chargeKw,
      energyKwh,
      initialSocKwh: at(r.initialShare),
      minSocKwh,
      maxSocKwh,
      // Reachable from the start within the horizon, as validation requires of a real case.
      ...(r.finalShare === undefined ? {} : { finalSocKwh: at(r.finalShare * 0.5) }),
      degradationCostKrwPerKwh: 0,
    };
  });

describe('battery disaggregation', () => {
  it('keeps every battery within its limits whatever the group is asked to do', () => {
    fc.assert(
      fc.property(
        fc.array(essMember, { minLength: 1, maxLength: 8 }),
        fc.double({ min: 0.8, max: 1, noNaN: true }),
        kwSeries(1000),
        kwSeries(1000),
        (raw, eta, charge, discharge) => {
          const members = raw.map((m, i): EssAsset => ({
            ...m,
            id: `ess-${i}`,
            chargeEfficiency: eta,
            dischargeEfficiency: eta,
          }));
          const setpoints = disaggregateGroup(
            'ess',
            members,
            series({ chargeKw: charge, dischargeKw: discharge }),
            GRID,
          );
          expectSound(members, setpoints, (t) => discharge[t]! - charge[t]!);
        },
      ),
    );
  });

  it('gives homothetic batteries exactly their share of a schedule the group can keep', () => {
    fc.assert(
      fc.property(
        essMember,
        fc.array(fc.double({ min: 0.1, max: 10, noNaN: true }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), {
          minLength: INTERVALS,
          maxLength: INTERVALS,
        }),
        (unit, scales, moves) => {
          const eta = 0.9;
          const members = scales.map((k, i): EssAsset => ({
            ...unit,
            id: `ess-${i}`,
            chargeEfficiency: eta,
            dischargeEfficiency: eta,
            chargeKw: unit.chargeKw * k,
            dischargeKw: unit.dischargeKw * k,
            energyKwh: unit.energyKwh * k,
            initialSocKwh: unit.initialSocKwh * k,
            minSocKwh: unit.minSocKwh * k,
            maxSocKwh: unit.maxSocKwh * k,
            finalSocKwh: unit.minSocKwh * k,
          }));
          // A schedule of the summed battery that keeps its own limits (final SoC at its minimum).
          const total = scales.reduce((a, b) => a + b, 0);
          let soc = unit.initialSocKwh * total;
          const charge: number[] = [];
          const discharge: number[] = [];
          const socs: number[] = [];
          for (const move of moves) {
            const kw = move * unit.chargeKw * total;
            const p =
              kw > 0
                ? Math.min(kw, ((soc - unit.minSocKwh * total) * eta) / HOURS)
                : Math.max(kw, -(unit.maxSocKwh * total - soc) / (eta * HOURS));
            soc += p < 0 ? -p * eta * HOURS : (-p * HOURS) / eta;
            charge.push(Math.max(0, -p));
            discharge.push(Math.max(0, p));
            socs.push(soc);
          }
          const setpoints = disaggregateGroup(
            'ess',
            members,
            series({ chargeKw: charge, dischargeKw: discharge, socKwh: socs }),
            GRID,
          );
          expectSound(members, setpoints, (t) => discharge[t]! - charge[t]!);
          for (const kw of setpoints.deficitKw) expect(Math.abs(kw)).toBeLessThan(1e-6 * total);
        },
      ),
    );
  });
});

describe('EV disaggregation', () => {
  it('keeps every vehicle within its limits and delivers its departure energy', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 4, max: 14 }),
        fc.array(
          fc.record({
            chargeKw: fc.double({ min: 3, max: 22, noNaN: true }),
            v2g: fc.boolean(),
            batteryKwh: fc.double({ min: 20, max: 100, noNaN: true }),
            arrivalShare: fc.double({ min: 0, max: 0.9, noNaN: true }),
            needShare: fc.double({ min: 0, max: 1, noNaN: true }),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        kwSeries(200),
        kwSeries(200),
        (arrival, dwell, raw, charge, discharge) => {
          const departure = Math.min(INTERVALS, arrival + dwell);
          const members = raw.map((r, i): EvChargerAsset => {
            const onArrival = r.arrivalShare * r.batteryKwh;
            const reachable = Math.min(
              r.batteryKwh,
              onArrival + 0.9 * r.chargeKw * HOURS * (departure - arrival),
            );
            return {
              id: `ev-${i}`,
              siteId: 'site',
              kind: 'ev_charger',
              maxChargeKw: r.chargeKw,
              maxDischargeKw: r.v2g ? r.chargeKw : 0,
              efficiency: 0.9,
              sessions: [
                {
                  arrivalInterval: arrival,
                  departureInterval: departure,
                  energyOnArrivalKwh: onArrival,
                  energyRequiredKwh: onArrival + r.needShare * (reachable - onArrival),
                  batteryKwh: r.batteryKwh,
                },
              ],
            };
          });
          const setpoints = disaggregateGroup(
            'ev_charger',
            members,
            series({ chargeKw: charge, dischargeKw: discharge }),
            GRID,
          );
          expectSound(members, setpoints, (t) => discharge[t]! - charge[t]!);
        },
      ),
    );
  });
});

describe('demand-response disaggregation', () => {
  const drMember = (i: number, reductionKw: number, allOrNothing: boolean): DrLoadAsset => ({
    id: `dr-${i}`,
    siteId: 'site',
    kind: 'dr_load',
    reductionKw,
    minDurationHours: 0.5,
    maxDurationHours: 1.5,
    maxActivationsPerDay: 2,
    maxHoursPerDay: 2,
    noticeMinutes: 30,
    activationCostKrw: 10 * reductionKw,
    energyCostKrwPerKwh: 0,
    allOrNothing,
  });

  it('keeps durations, notice, activations and hours whatever the windows or reductions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 1, max: 500, noNaN: true }), fc.boolean()), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.array(
          fc.record({
            start: fc.integer({ min: 0, max: INTERVALS - 1 }),
            length: fc.integer({ min: 1, max: 10 }),
            share: fc.double({ min: 0, max: 1, noNaN: true }),
          }),
          { maxLength: 6 },
        ),
        kwSeries(2000),
        fc.boolean(),
        (raw, windows, reduction, useWindows) => {
          const members = raw.map(([kw, whole], i) => drMember(i, kw, whole));
          const setpoints = disaggregateGroup(
            'dr_load',
            members,
            series({ reductionKw: reduction }),
            GRID,
            useWindows
              ? windows.map((w) => ({ ...w, length: Math.min(w.length, INTERVALS - w.start) }))
              : undefined,
          );
          expectSound(members, setpoints, (t) => reduction[t]!);
        },
      ),
    );
  });

  it('activates a whole fleet of equal loads together when the group activates in full', () => {
    const members = [0, 1, 2].map((i) => drMember(i, 100, true));
    const reduction = Array.from({ length: INTERVALS }, (_, t) => (t >= 4 && t < 8 ? 300 : 0));
    const setpoints = disaggregateGroup(
      'dr_load',
      members,
      series({ reductionKw: reduction }),
      GRID,
    );
    expectSound(members, setpoints, (t) => reduction[t]!);
    for (const kw of setpoints.deficitKw) expect(kw).toBeCloseTo(0, 9);
  });
});

describe('fuel-cell and PV disaggregation', () => {
  it('keeps every fuel cell within rating, minimum output and ramps', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            ratedKw: fc.double({ min: 5, max: 500, noNaN: true }),
            minShare: fc.double({ min: 0, max: 0.5, noNaN: true }),
            rampShare: fc.double({ min: 0.05, max: 1.2, noNaN: true }),
            running: fc.boolean(),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        kwSeries(3000),
        (raw, output) => {
          const members = raw.map((r, i): FuelCellAsset => ({
            id: `fc-${i}`,
            siteId: 'site',
            kind: 'fuel_cell',
            ratedKw: r.ratedKw,
            minStableKw: r.minShare * r.ratedKw,
            rampKwPerInterval: r.rampShare * r.ratedKw,
            fuelCostKrwPerKwh: 100,
            startCostKrw: 1000,
            initialOutputKw: r.running ? Math.max(r.minShare, 0.5) * r.ratedKw : 0,
          }));
          const setpoints = disaggregateGroup(
            'fuel_cell',
            members,
            series({ outputKw: output }),
            GRID,
          );
          expectSound(members, setpoints, (t) => output[t]!);
        },
      ),
    );
  });

  it('curtails curtailable plants pro rata and never the others', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(kwSeries(100), fc.boolean()), { minLength: 1, maxLength: 6 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (raw, keep) => {
          const members = raw.map(([forecastKw, curtailable], i): PvAsset => ({
            id: `pv-${i}`,
            siteId: 'site',
            kind: 'pv',
            forecastKw,
            curtailable,
          }));
          const output = Array.from({ length: INTERVALS }, (_, t) =>
            members.reduce((sum, m) => sum + (m.curtailable ? keep : 1) * m.forecastKw[t]!, 0),
          );
          const curtailableGroup = members.filter((m) => m.curtailable);
          const fixedGroup = members.filter((m) => !m.curtailable);
          for (const group of [curtailableGroup, fixedGroup]) {
            if (group.length === 0) continue;
            const target = (t: number): number =>
              group.reduce((s, m) => s + (m.curtailable ? keep : 1) * m.forecastKw[t]!, 0);
            const setpoints = disaggregateGroup(
              'pv',
              group,
              series({ outputKw: Array.from({ length: INTERVALS }, (_, t) => target(t)) }),
              GRID,
            );
            expectSound(group, setpoints, target);
            for (const kw of setpoints.deficitKw) expect(Math.abs(kw)).toBeLessThan(1e-9 * 1000);
          }
          expect(output).toHaveLength(INTERVALS);
        },
      ),
    );
  });
});
