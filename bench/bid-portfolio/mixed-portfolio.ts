/**
 * A seeded mixed portfolio for the bid benchmarks (issue 5): 40 % PV, 20 % batteries, 20 % EV
 * chargers, 15 % demand-response loads and 5 % fuel cells, on 96 intervals of 15 minutes with 5
 * SMP scenarios. The same options give the same case, byte for byte.
 *
 * DERs come from small catalogues, as a VPP's fleet does (a few battery and charger products,
 * two DR programmes, two fuel-cell models); within a product, size, state of charge, PV cloud
 * cover, EV arrival and energy vary per DER.
 */
import type {
  CaseAsset,
  PriceScenario,
} from '../../domain/optimisation/portfolio/portfolio-case.js';
import { SeededRandom } from '../../domain/shared/seeded-random.js';

export interface MixedPortfolioOptions {
  readonly ders: number;
  readonly seed?: string;
  readonly intervals?: number;
  readonly intervalMinutes?: number;
  readonly scenarios?: number;
  /** Meters the DERs are spread over (default 1). */
  readonly sites?: number;
}

export const MIX = { pv: 0.4, ess: 0.2, ev_charger: 0.2, dr_load: 0.15, fuel_cell: 0.05 } as const;

/** Counts per kind summing to `ders` (largest remainders). */
export const mixCounts = (ders: number): Record<keyof typeof MIX, number> => {
  const kinds = Object.keys(MIX) as (keyof typeof MIX)[];
  const exact = kinds.map((k) => ders * MIX[k]);
  const counts = exact.map(Math.floor);
  let left = ders - counts.reduce((a, b) => a + b, 0);
  const order = kinds
    .map((_, i) => i)
    .sort((a, b) => exact[b]! - counts[b]! - (exact[a]! - counts[a]!));
  for (const i of order) if (left-- > 0) counts[i]!++;
  return Object.fromEntries(kinds.map((k, i) => [k, counts[i]!])) as Record<
    keyof typeof MIX,
    number
  >;
};

const ESS_PRODUCTS = [
  { chargeKw: 5, energyKwh: 13.5, eta: 0.95, minSoc: 0.1, maxSoc: 0.95, wear: 8 },
  { chargeKw: 10, energyKwh: 20, eta: 0.94, minSoc: 0.05, maxSoc: 1, wear: 10 },
  { chargeKw: 250, energyKwh: 500, eta: 0.93, minSoc: 0.05, maxSoc: 0.95, wear: 6 },
] as const;
const EV_CHARGERS = [
  { chargeKw: 7, dischargeKw: 0 },
  { chargeKw: 11, dischargeKw: 11 },
] as const;
const DR_PROGRAMMES = [
  {
    minKw: 20,
    maxKw: 100,
    minH: 1,
    maxH: 2,
    activations: 1,
    notice: 60,
    perKw: 20,
    energy: 60,
    whole: true,
  },
  {
    minKw: 200,
    maxKw: 500,
    minH: 2,
    maxH: 4,
    activations: 2,
    notice: 120,
    perKw: 10,
    energy: 90,
    whole: false,
  },
] as const;
const FUEL_CELLS = [
  { ratedKw: 5, minStableKw: 2, ramp: 2, fuel: 135, start: 2_000 },
  { ratedKw: 440, minStableKw: 150, ramp: 150, fuel: 125, start: 40_000 },
] as const;

/** A day of SMP (KRW/kWh) on the grid: night trough, solar dip at noon, evening peak. */
const baseSmp = (hour: number): number =>
  120 +
  25 * Math.exp(-((hour - 9) ** 2) / 4) -
  35 * Math.exp(-((hour - 13) ** 2) / 6) +
  55 * Math.exp(-((hour - 19.5) ** 2) / 3) -
  15 * Math.exp(-((hour - 3.5) ** 2) / 5);

const solarShape = (hour: number): number =>
  hour < 6 || hour > 19 ? 0 : Math.sin((Math.PI * (hour - 6)) / 13) ** 1.5;

/**
 * The case in the optimiser's input format (what `gridfolio optimize --file` reads), to go
 * through `parsePortfolioCase` as any input does.
 */
export interface MixedPortfolioJson {
  readonly intervalMinutes: number;
  readonly priceScenarios: readonly PriceScenario[];
  readonly gridExportLimitKw: number;
  readonly gridImportLimitKw: number;
  readonly sites: readonly { readonly id: string }[];
  readonly assets: readonly CaseAsset[];
}

export const generateMixedPortfolio = (options: MixedPortfolioOptions): MixedPortfolioJson => {
  const intervals = options.intervals ?? 96;
  const intervalMinutes = options.intervalMinutes ?? 15;
  const hours = intervalMinutes / 60;
  const perHour = 60 / intervalMinutes;
  const root = new SeededRandom(options.seed ?? 'bid-portfolio');
  const hourOf = (t: number): number => (t + 0.5) * hours;
  const siteCount = Math.max(1, options.sites ?? 1);
  const sites = Array.from({ length: siteCount }, (_, m) => ({ id: `site-${m}` }));
  const counts = mixCounts(options.ders);
  const assets: CaseAsset[] = [];
  const siteOf = (random: SeededRandom): string => sites[random.nextInt(0, siteCount - 1)]!.id;
  let exportCapacityKw = 0;

  const pv = root.derive('pv');
  for (let i = 0; i < counts.pv; i++) {
    const capacityKw = [3, 5, 10, 50, 100][pv.nextInt(0, 4)]!;
    const clearness = 0.6 + 0.4 * pv.nextFloat();
    const forecastKw = Array.from({ length: intervals }, (_, t) =>
      round3(capacityKw * clearness * solarShape(hourOf(t)) * (0.95 + 0.1 * pv.nextFloat())),
    );
    exportCapacityKw += capacityKw;
    assets.push({
      id: `pv-${i}`,
      siteId: siteOf(pv),
      kind: 'pv',
      forecastKw,
      curtailable: pv.nextFloat() < 0.7,
    });
  }
  const ess = root.derive('ess');
  for (let i = 0; i < counts.ess; i++) {
    const p = ESS_PRODUCTS[ess.nextInt(0, ESS_PRODUCTS.length - 1)]!;
    const initial = p.minSoc + (p.maxSoc - p.minSoc) * (0.2 + 0.6 * ess.nextFloat());
    exportCapacityKw += p.chargeKw;
    assets.push({
      id: `ess-${i}`,
      siteId: siteOf(ess),
      kind: 'ess',
      chargeKw: p.chargeKw,
      dischargeKw: p.chargeKw,
      energyKwh: p.energyKwh,
      chargeEfficiency: p.eta,
      dischargeEfficiency: p.eta,
      initialSocKwh: round3(initial * p.energyKwh),
      // Operators end the day at a standard level, ready for the next.
      finalSocKwh: round3(((p.minSoc + p.maxSoc) / 2) * p.energyKwh),
      minSocKwh: p.minSoc * p.energyKwh,
      maxSocKwh: p.maxSoc * p.energyKwh,
      degradationCostKrwPerKwh: p.wear,
    });
  }
  const ev = root.derive('ev');
  for (let i = 0; i < counts.ev_charger; i++) {
    const charger = EV_CHARGERS[ev.nextInt(0, EV_CHARGERS.length - 1)]!;
    const atWork = ev.nextFloat() < 0.5;
    const arrivalHour = atWork ? ev.nextInt(8, 9) : ev.nextInt(18, 19);
    const arrivalInterval = arrivalHour * perHour;
    const departureInterval = Math.min(intervals, (atWork ? arrivalHour + 9 : 24) * perHour);
    const batteryKwh = [60, 77][ev.nextInt(0, 1)]!;
    const onArrival = round3(batteryKwh * (0.2 + 0.4 * ev.nextFloat()));
    const reachable =
      onArrival + 0.92 * charger.chargeKw * hours * (departureInterval - arrivalInterval);
    const required = round3(Math.min(batteryKwh * 0.8, onArrival + 0.6 * (reachable - onArrival)));
    exportCapacityKw += charger.dischargeKw;
    assets.push({
      id: `ev-${i}`,
      siteId: siteOf(ev),
      kind: 'ev_charger',
      maxChargeKw: charger.chargeKw,
      maxDischargeKw: charger.dischargeKw,
      efficiency: 0.92,
      sessions: [
        {
          arrivalInterval,
          departureInterval,
          energyOnArrivalKwh: onArrival,
          energyRequiredKwh: Math.max(onArrival, required),
          batteryKwh,
        },
      ],
    });
  }
  const dr = root.derive('dr');
  for (let i = 0; i < counts.dr_load; i++) {
    const p = DR_PROGRAMMES[dr.nextInt(0, DR_PROGRAMMES.length - 1)]!;
    const reductionKw = round3(p.minKw + (p.maxKw - p.minKw) * dr.nextFloat());
    exportCapacityKw += reductionKw;
    assets.push({
      id: `dr-${i}`,
      siteId: siteOf(dr),
      kind: 'dr_load',
      reductionKw,
      minDurationHours: p.minH,
      maxDurationHours: p.maxH,
      maxActivationsPerDay: p.activations,
      maxHoursPerDay: p.activations * p.maxH,
      noticeMinutes: p.notice,
      activationCostKrw: round3(p.perKw * reductionKw),
      energyCostKrwPerKwh: p.energy,
      allOrNothing: p.whole,
    });
  }
  const fc = root.derive('fuel-cell');
  for (let i = 0; i < counts.fuel_cell; i++) {
    const p = FUEL_CELLS[fc.nextInt(0, FUEL_CELLS.length - 1)]!;
    exportCapacityKw += p.ratedKw;
    assets.push({
      id: `fc-${i}`,
      siteId: siteOf(fc),
      kind: 'fuel_cell',
      ratedKw: p.ratedKw,
      minStableKw: p.minStableKw,
      rampKwPerInterval: p.ramp,
      fuelCostKrwPerKwh: p.fuel,
      startCostKrw: p.start,
      initialOutputKw: fc.nextFloat() < 0.5 ? p.minStableKw : 0,
    });
  }

  const scenarioCount = options.scenarios ?? 5;
  const prices = root.derive('prices');
  const weights = Array.from({ length: scenarioCount }, (_, s) =>
    Math.exp(-(((s - (scenarioCount - 1) / 2) / Math.max(1, scenarioCount / 3)) ** 2)),
  );
  const total = weights.reduce((a, b) => a + b, 0);
  const scenarios: PriceScenario[] = weights.map((w, s) => {
    const level = 1 + 0.12 * (s - (scenarioCount - 1) / 2);
    const smp = Array.from({ length: intervals }, (_, t) =>
      round3(Math.max(40, baseSmp(hourOf(t)) * level + prices.normal(0, 4))),
    );
    return {
      probability: w / total,
      importPricesKrwPerKwh: smp.map((p) => round3(p + 2)),
      exportPricesKrwPerKwh: smp,
    };
  });
  // The connection takes most but not all of what the fleet could push at once.
  const limitKw = Math.round(0.6 * exportCapacityKw);
  return {
    intervalMinutes,
    priceScenarios: scenarios,
    gridExportLimitKw: limitKw,
    gridImportLimitKw: limitKw,
    sites,
    assets,
  };
};

const round3 = (value: number): number => Math.round(value * 1000) / 1000;
