import type { BidAward } from '../../domain/bids/index.js';
import type { ForecastSeries } from '../../domain/forecasting/forecast-series.js';
import {
  simulateMicroVpp,
  type TwinInitialState,
  type TwinInputs,
  type TwinSetpoints,
} from '../../domain/twin/index.js';
import { medianRow, type CompactSchedules } from './day-ahead-bid.js';
import type { SimulatedMicro } from './portfolio-day.reader.js';

export interface DeliveryInputs {
  readonly intervalMinutes: number;
  readonly micros: readonly SimulatedMicro[];
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

export interface DeliveryFigures {
  readonly awardedNetKwh: number[];
  readonly deliveredNetKwh: number[];
  readonly pvForecastKwh: number[];
  readonly pvActualKwh: number[];
  readonly pvCapacityKw: number;
  readonly essFinalSocKwh: Record<string, number>;
  readonly gridViolations: number;
}

const round3 = (value: number): number => Math.round(value * 1000) / 1000;

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

/**
 * Lets the digital twin deliver the awarded schedule: per micro-VPP, the DER setpoints of the
 * scenario schedule matching each interval's award, against the D-1 forecast with seeded noise
 * (PV and building load). Pure: the same inputs and seed give the same figures.
 */
export const deliverDay = (inputs: DeliveryInputs): DeliveryFigures => {
  const n = (24 * 60) / inputs.intervalMinutes;
  const hours = inputs.intervalMinutes / 60;
  const awardedNetKw = Array.from({ length: n }, () => 0);
  for (const award of inputs.awards)
    awardedNetKw[award.interval] = award.awardedSellKw - award.awardedBuyKw;
  const chosen = scenarioPerInterval(inputs.schedules, awardedNetKw);
  const setpointRow = (id: string): number[] =>
    chosen.map((s, t) => inputs.schedules.scenarios[s]?.assetKw[id]?.[t] ?? 0);

  const deliveredNetKwh = Array.from({ length: n }, () => 0);
  const pvForecastKwh = Array.from({ length: n }, () => 0);
  const pvActualKwh = Array.from({ length: n }, () => 0);
  const essFinalSocKwh: Record<string, number> = {};
  let pvCapacityKw = 0;
  let gridViolations = 0;

  for (const micro of inputs.micros) {
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
    pvCapacityKw += pvDers.reduce((sum, d) => sum + d.parameters.inverterKw, 0);

    const pv: Record<string, { availableKw: number[] }> = {};
    for (const der of pvDers) {
      const share = kwp > 0 ? der.parameters.capacityKwp / kwp : 0;
      pv[der.derId] = {
        availableKw: Array.from({ length: n }, (_, t) => ((pvKwh?.[t] ?? 0) / hours) * share),
      };
    }
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
          essKw[der.derId] = setpointRow(der.derId);
          essSocKwh[der.derId] = inputs.initialSocKwh[der.derId] ?? (p.minSocKwh + p.maxSocKwh) / 2;
          break;
        case 'ev_charger':
          evKw[der.derId] = setpointRow(der.derId);
          break;
        case 'dr_load':
          drReductionKw[der.derId] = setpointRow(der.derId).map((v) => Math.max(0, v));
          // The site's load forecast is its meter, the DR load included: the DR load draws up to
          // its reducible power out of it (none without a load forecast), the rest is building.
          drBaselineKw[der.derId] = siteLoadKw.map((kw) => Math.min(p.maxReductionKw, kw));
          siteLoadKw.forEach((kw, t) => {
            siteLoadKw[t] = kw - Math.min(p.maxReductionKw, kw);
          });
          break;
        case 'fuel_cell':
          fuelCellKw[der.derId] = setpointRow(der.derId).map((v) => Math.max(0, v));
          fuelCells[der.derId] = { outputKw: 0, on: false };
          break;
        case 'pv':
          break;
      }
    }
    const initial: TwinInitialState = { essSocKwh, fuelCells };
    const twinInputs: TwinInputs = {
      buildingLoadKw: siteLoadKw,
      pv,
      drBaselineKw,
    };
    const setpoints: TwinSetpoints = { essKw, evKw, drReductionKw, fuelCellKw };
    const result = simulateMicroVpp(
      {
        gridImportLimitKw: micro.settings.gridImportLimitKw,
        gridExportLimitKw: micro.settings.gridExportLimitKw,
        assets: micro.ders,
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
    result.intervals.forEach((interval, t) => {
      deliveredNetKwh[t] = (deliveredNetKwh[t] ?? 0) + interval.netExportKwh;
      pvForecastKwh[t] = (pvForecastKwh[t] ?? 0) + (pvKwh?.[t] ?? 0);
      if (interval.gridViolation !== null) gridViolations++;
      for (const asset of interval.assets) {
        if (asset.kind === 'pv') pvActualKwh[t] = (pvActualKwh[t] ?? 0) + asset.energyKwh;
        if (asset.kind === 'ess' && t === n - 1) essFinalSocKwh[asset.derId] = round3(asset.socKwh);
      }
    });
  }
  return {
    awardedNetKwh: awardedNetKw.map((kw) => round3(kw * hours)),
    deliveredNetKwh: deliveredNetKwh.map(round3),
    pvForecastKwh: pvForecastKwh.map(round3),
    pvActualKwh: pvActualKwh.map(round3),
    pvCapacityKw: round3(pvCapacityKw),
    essFinalSocKwh,
    gridViolations,
  };
};
