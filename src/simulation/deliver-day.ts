import type { BidAward } from '../../domain/bids/index.js';
import type { ForecastSeries } from '../../domain/forecasting/forecast-series.js';
import type { CaseCommunity } from '../../domain/optimisation/portfolio/portfolio-case.js';
import {
  simulateMicroVpp,
  type TwinEvSession,
  type TwinInitialState,
  type TwinInputs,
  type TwinResult,
  type TwinSetpoints,
} from '../../domain/twin/index.js';
import { MINUTE_MS } from '../../domain/shared/time/kst.js';
import { medianRow, type CompactSchedules } from './day-ahead-bid.js';
import type { SimulatedMicro } from './portfolio-day.reader.js';

export interface DeliveryInputs {
  /** 00:00 KST of the trading day, epoch ms (EV sessions are placed on the grid from it). */
  readonly dayStartMs: number;
  readonly intervalMinutes: number;
  readonly micros: readonly SimulatedMicro[];
  /** Export limits shared by the micro-VPPs of a community (SimulatedMicro.communityId). */
  readonly communities?: readonly CaseCommunity[];
  /** The forecast the bid was built from, on the market grid. */
  readonly forecast: readonly ForecastSeries[];
  readonly schedules: CompactSchedules;
  readonly awards: readonly BidAward[];
  readonly initialSocKwh: Readonly<Record<string, number>>;
  readonly noise: {
    readonly seed: string;
    readonly pvRelativeStd: number;
    readonly loadRelativeStd: number;
  };
}

/** The asset kinds delivered energy is split into; `load` is the sites' consumption (negative). */
export const DELIVERY_KINDS = ['pv', 'ess', 'ev_charger', 'dr_load', 'fuel_cell', 'load'] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

export interface DeliveryFigures {
  readonly awardedNetKwh: number[];
  /**
   * The market position delivered per interval: net export at the meters plus the sites' retail
   * consumption (building load and DR baselines, billed by the retailer), i.e. the sum over the
   * VPP's resources of what they delivered; a DR reduction counts.
   */
  readonly deliveredNetKwh: number[];
  readonly pvForecastKwh: number[];
  readonly pvActualKwh: number[];
  readonly pvCapacityKw: number;
  readonly essFinalSocKwh: Record<string, number>;
  /** Per battery, its state of charge at the end of each interval, kWh. */
  readonly essSocKwh: Record<string, number[]>;
  /**
   * Per asset kind, its energy towards the grid per interval, kWh; `load` is the sites' retail
   * consumption (negative). The kinds other than `load` sum to deliveredNetKwh, all of them to
   * the net export at the meters, up to rounding.
   */
  readonly kindNetKwh: Partial<Record<DeliveryKind, number[]>>;
  readonly gridViolations: number;
}

export interface DeliveryResult {
  readonly figures: DeliveryFigures;
  /** Per micro-VPP, what its site consumed per interval (building and DR loads), kWh. */
  readonly siteConsumptionKwh: Record<string, number[]>;
}

const round3 = (value: number): number => Math.round(value * 1000) / 1000;
const TOLERANCE_KW = 1e-6;

/**
 * Which scenario's schedule each interval dispatches: the one whose net position is nearest the
 * award. The curves are built from these positions, so an award at a scenario's price is that
 * scenario's position; between two, the nearer one (the first on ties) is followed.
 */
export const scenarioPerInterval = (
  schedules: CompactSchedules,
  awardedNetKw: readonly number[],
): number[] =>
  awardedNetKw.map((award, t) => {
    let best = 0;
    let bestDistance = Number.POSITIVE_INFINITY;
    schedules.scenarios.forEach((s, index) => {
      const distance = Math.abs((s.netPositionKw[t] ?? 0) - award);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = index;
      }
    });
    return best;
  });

/** A charger's sessions on the grid: only whole intervals the car is plugged in for (as bid). */
const twinSessions = (
  micro: SimulatedMicro,
  dayStartMs: number,
  intervalMinutes: number,
  n: number,
): Record<string, TwinEvSession[]> => {
  const lengthMs = intervalMinutes * MINUTE_MS;
  const sessions: Record<string, TwinEvSession[]> = {};
  for (const der of micro.ders) {
    if (der.parameters.kind !== 'ev_charger') continue;
    const rows = der.evSessions
      .filter((s) => s.status !== 'cancelled' && s.status !== 'unplugged')
      .map((s) => ({
        sessionId: s.sessionId,
        arrivalIndex: Math.min(
          n,
          Math.max(0, Math.ceil((Date.parse(s.arrival) - dayStartMs) / lengthMs)),
        ),
        departureIndex: Math.min(n, Math.floor((Date.parse(s.departure) - dayStartMs) / lengthMs)),
        energyOnArrivalKwh: s.energyOnArrivalKwh,
        energyRequiredAtDepartureKwh: s.energyRequiredAtDepartureKwh,
        batteryKwh: s.batteryKwh,
      }))
      .filter((s) => s.departureIndex > s.arrivalIndex)
      .sort((a, b) => a.arrivalIndex - b.arrivalIndex);
    if (rows.length > 0) sessions[der.derId] = rows;
  }
  return sessions;
};

interface MicroRun {
  readonly micro: SimulatedMicro;
  readonly pvKwh: readonly number[] | undefined;
  readonly run: (extraPvCapKw?: readonly (number | null)[]) => TwinResult;
  result: TwinResult;
}

/**
 * Lets the digital twin deliver the awarded schedule: per micro-VPP, the DER setpoints of the
 * scenario schedule matching each interval's award (battery, EV, DR, fuel cell, and the PV
 * curtailment it planned), against the D-1 forecast with seeded noise (PV and building load), the
 * cars of the day's EV sessions plugged in, and each community's export limit kept by curtailing
 * its members' PV further where the noise pushed them over it. Pure: the same inputs and seed
 * give the same figures.
 */
export const deliverDay = (inputs: DeliveryInputs): DeliveryResult => {
  const n = (24 * 60) / inputs.intervalMinutes;
  const awardedNetKw = Array.from({ length: n }, () => 0);
  for (const award of inputs.awards)
    awardedNetKw[award.interval] = award.awardedSellKw - award.awardedBuyKw;
  return dispatchInTwin(inputs, scenarioPerInterval(inputs.schedules, awardedNetKw), awardedNetKw);
};

/**
 * The twin following, in each interval, the schedule of the scenario `chosen[t]` (see
 * `deliverDay`); `awardedNetKw` only goes into the figures. Deliverability checks call it with
 * sampled awards and no noise.
 */
export const dispatchInTwin = (
  inputs: Omit<DeliveryInputs, 'awards'>,
  chosen: readonly number[],
  awardedNetKw: readonly number[],
): DeliveryResult => {
  const n = (24 * 60) / inputs.intervalMinutes;
  const hours = inputs.intervalMinutes / 60;
  const setpointRow = (id: string): number[] | undefined => {
    if (!inputs.schedules.scenarios.some((s) => s.assetKw[id] !== undefined)) return undefined;
    return chosen.map((s, t) => inputs.schedules.scenarios[s]?.assetKw[id]?.[t] ?? 0);
  };
  const row = (id: string): number[] => setpointRow(id) ?? Array.from({ length: n }, () => 0);

  const runs: MicroRun[] = inputs.micros.map((micro) => {
    const forecastOf = (kind: ForecastSeries['assetKind']) => {
      const series = inputs.forecast.find(
        (s) => s.microVppId === micro.microVppId && s.assetKind === kind,
      );
      return series === undefined ? undefined : medianRow(series);
    };
    const pvKwh = forecastOf('pv');
    const loadKwh = forecastOf('load');
    const pvDers = micro.ders.flatMap((d) =>
      d.parameters.kind === 'pv' ? [{ derId: d.derId, parameters: d.parameters }] : [],
    );
    const kwp = pvDers.reduce((sum, d) => sum + d.parameters.capacityKwp, 0);
    const share = (capacityKwp: number) => (kwp > 0 ? capacityKwp / kwp : 0);
    const pv: Record<string, { availableKw: number[] }> = {};
    for (const der of pvDers)
      pv[der.derId] = {
        availableKw: Array.from(
          { length: n },
          (_, t) => ((pvKwh?.[t] ?? 0) / hours) * share(der.parameters.capacityKwp),
        ),
      };
    // The schedule's PV output where it curtailed below the forecast: the cap the twin follows.
    const scheduledPvKw = setpointRow(`pv@${micro.microVppId}`);
    const plannedCapKw = Array.from({ length: n }, (_, t): number | null => {
      const planned = scheduledPvKw?.[t];
      const forecastKw = (pvKwh?.[t] ?? 0) / hours;
      return planned !== undefined && planned < forecastKw - 1e-3 ? Math.max(0, planned) : null;
    });
    const siteLoadKw = Array.from({ length: n }, (_, t) =>
      Math.max(0, (loadKwh?.[t] ?? 0) / hours),
    );
    const essKw: Record<string, number[]> = {};
    const evKw: Record<string, number[]> = {};
    const drReductionKw: Record<string, number[]> = {};
    const drBaselineKw: Record<string, number[]> = {};
    const fuelCellKw: Record<string, number[]> = {};
    const essSocKwh: Record<string, number> = {};
    const fuelCells: Record<string, { outputKw: number; on: boolean }> = {};
    for (const der of micro.ders) {
      const p = der.parameters;
      switch (p.kind) {
        case 'ess':
          essKw[der.derId] = row(der.derId);
          essSocKwh[der.derId] = inputs.initialSocKwh[der.derId] ?? (p.minSocKwh + p.maxSocKwh) / 2;
          break;
        case 'ev_charger':
          evKw[der.derId] = row(der.derId);
          break;
        case 'dr_load':
          drReductionKw[der.derId] = row(der.derId).map((v) => Math.max(0, v));
          // The site's load forecast is its meter, the DR load included: the DR load draws up to
          // its reducible power out of it (none without a load forecast), the rest is building.
          drBaselineKw[der.derId] = siteLoadKw.map((kw) => Math.min(p.maxReductionKw, kw));
          siteLoadKw.forEach((kw, t) => {
            siteLoadKw[t] = kw - Math.min(p.maxReductionKw, kw);
          });
          break;
        case 'fuel_cell':
          fuelCellKw[der.derId] = row(der.derId).map((v) => Math.max(0, v));
          fuelCells[der.derId] = { outputKw: 0, on: false };
          break;
        case 'pv':
          break;
      }
    }
    const initial: TwinInitialState = {
      essSocKwh,
      fuelCells,
      evSessions: twinSessions(micro, inputs.dayStartMs, inputs.intervalMinutes, n),
    };
    const twinInputs: TwinInputs = { buildingLoadKw: siteLoadKw, pv, drBaselineKw };
    const curtailable = pvDers.filter((d) => d.parameters.curtailable);
    const run = (extraPvCapKw?: readonly (number | null)[]): TwinResult => {
      // The site's PV cap (planned, tightened by the community pass) shared by kWp; only PV
      // that accepts curtailment is capped.
      const pvCapKw: Record<string, (number | null)[]> = {};
      for (const der of curtailable)
        pvCapKw[der.derId] = plannedCapKw.map((planned, t) => {
          const extra = extraPvCapKw?.[t] ?? null;
          const cap =
            planned === null ? extra : extra === null ? planned : Math.min(planned, extra);
          return cap === null ? null : cap * share(der.parameters.capacityKwp);
        });
      const setpoints: TwinSetpoints = { essKw, evKw, drReductionKw, fuelCellKw, pvCapKw };
      return simulateMicroVpp(
        {
          gridImportLimitKw: micro.settings.gridImportLimitKw,
          gridExportLimitKw: micro.settings.gridExportLimitKw,
          assets: micro.ders.map((d) => ({ derId: d.derId, parameters: d.parameters })),
        },
        { intervalMinutes: inputs.intervalMinutes, intervalCount: n },
        initial,
        twinInputs,
        setpoints,
        {
          seed: `${inputs.noise.seed}:${micro.microVppId}`,
          pvRelativeStd: inputs.noise.pvRelativeStd,
          loadRelativeStd: inputs.noise.loadRelativeStd,
        },
      );
    };
    return { micro, pvKwh, run, result: run() };
  });

  const communityViolations = keepCommunityLimits(runs, inputs.communities ?? [], n);
  return collect(runs, awardedNetKw, hours, n, communityViolations);
};

/**
 * Where a community's members export more than its limit (the noise made PV larger than
 * planned), their curtailable PV gives up the excess in proportion to its output, and those
 * members are simulated again; returns the intervals still over a limit (nothing left to curtail).
 */
const keepCommunityLimits = (
  runs: MicroRun[],
  communities: readonly CaseCommunity[],
  n: number,
): number => {
  let violations = 0;
  for (const community of communities) {
    const members = runs.filter((r) => r.micro.communityId === community.id);
    const netKw = (t: number) =>
      members.reduce((sum, r) => sum + (r.result.intervals[t]?.netExportKw ?? 0), 0);
    const curtailablePvKw = (r: MicroRun, t: number) =>
      (r.result.intervals[t]?.assets ?? []).reduce((sum, a) => {
        if (a.kind !== 'pv') return sum;
        const der = r.micro.ders.find((d) => d.derId === a.derId);
        return der?.parameters.kind === 'pv' && der.parameters.curtailable ? sum + a.actualKw : sum;
      }, 0);
    const excess = Array.from({ length: n }, (_, t) =>
      Math.max(0, netKw(t) - community.exportLimitKw),
    );
    if (excess.some((e) => e > TOLERANCE_KW)) {
      const totals = Array.from({ length: n }, (_, t) =>
        members.reduce((sum, r) => sum + curtailablePvKw(r, t), 0),
      );
      for (const member of members) {
        const caps = excess.map((e, t): number | null => {
          const total = totals[t] ?? 0;
          if (e <= TOLERANCE_KW || total <= 0) return null;
          const own = curtailablePvKw(member, t);
          return Math.max(0, own - (e * own) / total);
        });
        if (caps.some((c) => c !== null)) member.result = member.run(caps);
      }
    }
    for (let t = 0; t < n; t++) if (netKw(t) > community.exportLimitKw + 1e-3) violations++;
  }
  return violations;
};

const collect = (
  runs: readonly MicroRun[],
  awardedNetKw: readonly number[],
  hours: number,
  n: number,
  communityViolations: number,
): DeliveryResult => {
  const zeros = () => Array.from({ length: n }, () => 0);
  const deliveredNetKwh = zeros();
  const pvForecastKwh = zeros();
  const pvActualKwh = zeros();
  const essFinalSocKwh: Record<string, number> = {};
  const essSocKwh: Record<string, number[]> = {};
  const kindNetKwh: Partial<Record<DeliveryKind, number[]>> = {};
  const siteConsumptionKwh: Record<string, number[]> = {};
  const add = (kind: DeliveryKind, t: number, kwh: number) => {
    const values = (kindNetKwh[kind] ??= zeros());
    values[t] = (values[t] ?? 0) + kwh;
  };
  let pvCapacityKw = 0;
  let gridViolations = communityViolations;
  for (const { micro, pvKwh, result } of runs) {
    for (const der of micro.ders)
      if (der.parameters.kind === 'pv') pvCapacityKw += der.parameters.inverterKw;
    const consumption = zeros();
    result.intervals.forEach((interval, t) => {
      deliveredNetKwh[t] = (deliveredNetKwh[t] ?? 0) + interval.netExportKwh;
      pvForecastKwh[t] = (pvForecastKwh[t] ?? 0) + (pvKwh?.[t] ?? 0);
      if (interval.gridViolation !== null) gridViolations++;
      // The sites' retail consumption (building and DR baselines) is not the market position.
      let retailKw: number = interval.buildingLoadKw;
      let drawnKw: number = interval.buildingLoadKw;
      for (const asset of interval.assets) {
        if (asset.kind === 'pv') pvActualKwh[t] = (pvActualKwh[t] ?? 0) + asset.energyKwh;
        if (asset.kind === 'ess') {
          (essSocKwh[asset.derId] ??= zeros())[t] = round3(asset.socKwh);
          if (t === n - 1) essFinalSocKwh[asset.derId] = round3(asset.socKwh);
        }
        if (asset.kind === 'dr_load') {
          // The DR load's baseline is consumption; its reduction is what it delivers.
          retailKw += asset.baselineKw;
          drawnKw += asset.loadKw;
          add('dr_load', t, asset.energyKwh);
        } else add(asset.kind, t, asset.energyKwh);
      }
      deliveredNetKwh[t] = (deliveredNetKwh[t] ?? 0) + retailKw * hours;
      consumption[t] = round3(drawnKw * hours);
      add('load', t, -retailKw * hours);
    });
    if (consumption.some((v) => v > 0)) siteConsumptionKwh[micro.microVppId] = consumption;
  }
  for (const kind of DELIVERY_KINDS) {
    const values = kindNetKwh[kind];
    if (values !== undefined) kindNetKwh[kind] = values.map(round3);
  }
  return {
    figures: {
      awardedNetKwh: awardedNetKw.map((kw) => round3(kw * hours)),
      deliveredNetKwh: deliveredNetKwh.map(round3),
      pvForecastKwh: pvForecastKwh.map(round3),
      pvActualKwh: pvActualKwh.map(round3),
      pvCapacityKw: round3(pvCapacityKw),
      essFinalSocKwh,
      essSocKwh,
      kindNetKwh,
      gridViolations,
    },
    siteConsumptionKwh,
  };
};
