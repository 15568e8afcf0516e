/**
 * A synthetic 2024 mainland fleet for the merit-order price formation (issue 6), as data: tens of
 * blocks, not hundreds of units. Every figure names its source in SOURCES (by key) and a
 * confidence: `high` (official statistic copied as published), `medium` (secondary or derived
 * from an official figure), `low` (an engineering assumption or read off the 2024 price curve).
 * Parameters fitted to the SMP are not here: they are in calibration.ts, with what was fitted.
 *
 * Offer prices follow the cost-based pool (kpx-market-rules.md §1.1): variable cost =
 * heat rate (Gcal/MWh) x monthly fuel unit cost (KRW/Gcal) / 1,000 + non-fuel cost (KRW/kWh).
 * Heat rates are on the higher-heating-value basis of the fuel costs (860 kcal/kWh / efficiency).
 */

export type FleetFuel = 'nuclear' | 'coal' | 'lng' | 'oil' | 'must_run';

/** What a source is and how much to trust it. */
export interface FleetSource {
  readonly what: string;
  readonly where: string;
  readonly confidence: 'high' | 'medium' | 'low';
}

export const SOURCES = {
  epsisFuelCost: {
    what: 'monthly fuel unit cost of traded energy, KRW/Gcal, by fuel, 2024 (EPSIS 전력거래 연료비용, 열량단가)',
    where:
      'github.com/knameds-cmd/PowerSystemEconomics @49b848bb project/data/raw/fuel_costs.csv (EPSIS HOME_전력거래_연료비용.csv); kpx-market-rules.md §9 item 6',
    confidence: 'medium',
  },
  epsisCapacity: {
    what: 'central-dispatch capacity 2024: coal 37,909 MW, LNG 44,300 MW, oil 2,501 MW, hydro+pumped 6,282 MW',
    where:
      'knameds-cmd/PowerSystemEconomics docs/DATA_STATUS_REPORT.md §2.3 (EPSIS 발전기세부내역 scaled KPG193)',
    confidence: 'medium',
  },
  khnpOutages: {
    what: 'reactors in planned outage per month of 2024 (KHNP 계획예방정비 현황): 3,3,3,3,4,4,5,6,5,2,3,3',
    where:
      'knameds-cmd/PowerSystemEconomics project/data/raw/nuclear_must_off.csv and docs/DATA_STATUS_REPORT.md §2.7',
    confidence: 'medium',
  },
  nuclearFleet: {
    what: 'mainland nuclear fleet 2024: about 24.65 GW Jan-Mar, Shin-Hanul 2 (1.4 GW) in commercial operation from April, Kori 3 (0.95 GW) stopped at licence expiry end of September; ~1 GW average reactor',
    where:
      'KHNP / press (e.g. segye.com 2026-01-13: 26 reactors, 2025 capacity factor 84.6 %); MW figures rounded from memory of KHNP unit ratings, not checked unit by unit',
    confidence: 'low',
  },
  kpxEnergyShares2024: {
    what: '2024 traded energy 549,387 GWh: nuclear 32.5 %, LNG 29.8 %, coal 29.4 %, renewables 6.9 % (KPX); renewables other than market solar and mainland wind ≈ 4.3 GW − 1.21 GW − 0.34 GW ≈ 2.8 GW average',
    where:
      'https://economist.co.kr (KPX release, Jan 2025); solar/wind means from ../shared/data/kpx/renewables-hourly-2024-jan-sep.csv',
    confidence: 'medium',
  },
  seasonalCoalManagement: {
    what: 'fine-dust seasonal management (Dec-Mar): 8-16 of 53 coal units stopped in winter, up to 17-28 in March, the rest capped at 80 % output',
    where:
      'Yonhap TV 2024-11 (dailytv.net/video/x85vhfi: 8 to 16 of 53 units this winter); hankyung.com/article/202302240978Y (March: 17-26 stopped, 80 % cap on up to 36); hankyung.com/economy/article/2020030167071',
    confidence: 'medium',
  },
  heatRateEngineering: {
    what: 'net efficiency (HHV) by technology: nuclear ~34 % (2.52 Gcal/MWh); coal 34-40 % (2.15-2.50); LNG combined cycle 44-50 % (1.72-1.97); open-cycle / old steam LNG ~37 % (2.30); oil steam ~32 % (2.70)',
    where:
      'engineering ranges (860 kcal/kWh / efficiency); generator clusters of knameds-cmd/PowerSystemEconomics generators.csv use 2.1-2.5 (coal), 1.7-2.5 (LNG), 3.0 (oil)',
    confidence: 'low',
  },
  nonFuelCost: {
    what: 'non-fuel variable cost (start-up and no-load spread over output), KRW/kWh: coal 2.0, LNG 0 (folded into the effective heat rate), oil 0',
    where: 'knameds-cmd/PowerSystemEconomics generators.csv column vom (coal 2,000-2,500 KRW/MWh)',
    confidence: 'low',
  },
  cheapLngShoulder: {
    what: 'a tranche of LNG priced ~1.3 x the average LNG cost (direct-import LNG, newest combined cycles): night prices of ~96-107 KRW/kWh in Jul-Sep 2024 when coal set no price',
    where:
      'read off the 2024 H1 price vs residual-demand curve and the EPSIS SMP-setting counts (coal sets 0 h/day Jul-Sep; knameds marginal_fuel_counts.csv); an assumption, not a unit list',
    confidence: 'low',
  },
  heatingSeason: {
    what: 'heating-season weight by month (share of January heating degree days, Seoul climate normal, rounded): 1.0, 0.85, 0.6, 0.25, 0.05, 0, 0, 0, 0, 0.1, 0.45, 0.9',
    where: 'KMA climate normals, heating degree days (18 °C base), rounded; an approximation',
    confidence: 'low',
  },
  maintenanceSeasons: {
    what: 'coal planned maintenance concentrated in spring (Apr-May) and autumn (Oct-Nov), least in the summer and winter peaks',
    where: 'KPX 전력수급 대책 practice (maintenance avoids peak seasons); shares are assumptions',
    confidence: 'low',
  },
  mustRunOther: {
    what: 'price-taking must-run besides market solar and wind: other renewables ~2,800 MW, run-of-river hydro ~500 MW, heat-led CHP 1,000 MW + 2,000 MW x heating weight',
    where: 'kpxEnergyShares2024 (other renewables); hydro and heat-led CHP are assumptions',
    confidence: 'low',
  },
} as const satisfies Record<string, FleetSource>;

export type SourceKey = keyof typeof SOURCES;

/** A monthly figure: index 0 = January .. 11 = December. */
export type Monthly = readonly [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
];

/** Fuel unit cost by month of 2024, KRW/Gcal (EPSIS, SOURCES.epsisFuelCost). */
export const FUEL_COST_KRW_PER_GCAL_2024: Readonly<
  Record<Exclude<FleetFuel, 'must_run'>, Monthly>
> = {
  nuclear: [
    2582.87, 2581.01, 2584.76, 2584.33, 2579.51, 2582.11, 2578.88, 2578.22, 2576.78, 2574.98,
    2572.53, 2565.66,
  ],
  coal: [
    32268.24, 32041.15, 34175.3, 34784.8, 35231.88, 35232.43, 35230.07, 34139.38, 33771.88,
    33762.09, 34341.97, 36135.39,
  ],
  lng: [
    94373.35, 85783.62, 85248.75, 78118.74, 76155.32, 74578.38, 76053.04, 80314.96, 81288.74,
    78220.26, 77950.73, 82687.26,
  ],
  oil: [
    143116.47, 142083.66, 141648.82, 141532.5, 141328.24, 146698.08, 147127.34, 146948.97,
    142366.52, 135803.5, 125116.3, 125432.57,
  ],
};

/** Nuclear availability inputs (SOURCES.nuclearFleet, SOURCES.khnpOutages). */
export const NUCLEAR_2024 = {
  fleetMw: [
    24_650, 24_650, 24_650, 26_050, 26_050, 26_050, 26_050, 26_050, 26_050, 25_100, 25_100, 25_100,
  ] as Monthly,
  reactorsInPlannedOutage: [3, 3, 3, 3, 4, 4, 5, 6, 5, 2, 3, 3] as Monthly,
  averageReactorMw: 1_000,
  /** Unplanned outages and coast-downs; an assumption (confidence low). */
  forcedOutageRate: 0.03,
  heatRateGcalPerMwh: 2.52,
} as const;

/** Seasonal coal curtailment (SOURCES.seasonalCoalManagement): stopped MW and output cap by month. */
export const COAL_SEASONAL_MANAGEMENT_2024 = {
  /** ~8 (Dec-Feb) and ~16 (Mar) units of ~500 MW stopped: the low end of the announced ranges. */
  stoppedMw: [4_000, 4_000, 8_000, 0, 0, 0, 0, 0, 0, 0, 0, 4_000] as Monthly,
  /** The units left running are capped at 80 % of rated output. */
  outputCapShare: [0.8, 0.8, 0.8, 1, 1, 1, 1, 1, 1, 1, 1, 0.8] as Monthly,
} as const;

/** SOURCES.heatingSeason: scales the heat-led CHP output and the heat-credit LNG tranche. */
export const HEATING_WEIGHT: Monthly = [1.0, 0.85, 0.6, 0.25, 0.05, 0, 0, 0, 0, 0.1, 0.45, 0.9];

/** How a block's monthly capacity is derived (see supply-stack.ts). */
export type BlockAvailability =
  /** capacity x monthly factor. */
  | { readonly kind: 'monthly'; readonly factor: Monthly }
  /** capacity x planned-maintenance availability, then coal derate and seasonal management. */
  | { readonly kind: 'coal'; readonly maintenanceAvailability: Monthly }
  /** the calibrated heat-credit capacity x HEATING_WEIGHT (capacityMw is ignored). */
  | { readonly kind: 'heat_credit' }
  /** NUCLEAR_2024 (capacityMw is ignored). */
  | { readonly kind: 'nuclear' };

export interface FleetBlock {
  readonly id: string;
  readonly fuel: FleetFuel;
  readonly technology: string;
  /** Installed (or, for must-run, average) capacity in MW. */
  readonly capacityMw: number;
  readonly availability: BlockAvailability;
  /** Gcal of fuel per MWh; 0 for price-taking must-run (offered at 0 KRW/kWh). */
  readonly heatRateGcalPerMwh: number;
  readonly nonFuelKrwPerKwh: number;
  /** SOURCES keys for capacity, availability and cost, in that order of importance. */
  readonly sources: readonly SourceKey[];
}

const ALWAYS: Monthly = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
/** Planned-maintenance availability of coal (SOURCES.maintenanceSeasons). */
const COAL_MAINTENANCE: Monthly = [
  0.9, 0.9, 0.85, 0.75, 0.75, 0.85, 0.95, 0.95, 0.9, 0.75, 0.8, 0.9,
];
const COAL_MW = 37_909;
// Array.map keeps the length, which its type cannot say.
const mapMonthly = (values: Monthly, f: (value: number) => number): Monthly =>
  values.map(f) as unknown as Monthly;
/** 1,000 MW all year plus 2,000 MW x heating weight, as a share of the block's 3,000 MW. */
const heatLedChp = mapMonthly(HEATING_WEIGHT, (w) => (1_000 + 2_000 * w) / 3_000);

/** Must-run first, then by fuel and heat rate; the order is presentation only. */
export const FLEET_2024: readonly FleetBlock[] = [
  {
    id: 'nuclear',
    fuel: 'nuclear',
    technology: 'PWR/PHWR fleet',
    capacityMw: 0,
    availability: { kind: 'nuclear' },
    heatRateGcalPerMwh: NUCLEAR_2024.heatRateGcalPerMwh,
    nonFuelKrwPerKwh: 0,
    sources: ['nuclearFleet', 'khnpOutages', 'epsisFuelCost', 'heatRateEngineering'],
  },
  {
    id: 'must-run-other-renewables',
    fuel: 'must_run',
    technology: 'bioenergy, fuel cells, waste, small hydro (price-taking)',
    capacityMw: 2_800,
    availability: { kind: 'monthly', factor: ALWAYS },
    heatRateGcalPerMwh: 0,
    nonFuelKrwPerKwh: 0,
    sources: ['kpxEnergyShares2024', 'mustRunOther'],
  },
  {
    id: 'must-run-hydro',
    fuel: 'must_run',
    technology: 'run-of-river hydro',
    capacityMw: 500,
    availability: { kind: 'monthly', factor: ALWAYS },
    heatRateGcalPerMwh: 0,
    nonFuelKrwPerKwh: 0,
    sources: ['mustRunOther'],
  },
  {
    id: 'must-run-chp-heat-led',
    fuel: 'must_run',
    technology: 'LNG CHP output forced by heat demand',
    capacityMw: 3_000,
    availability: { kind: 'monthly', factor: heatLedChp },
    heatRateGcalPerMwh: 0,
    nonFuelKrwPerKwh: 0,
    sources: ['mustRunOther', 'heatingSeason'],
  },
  ...(
    [
      ['coal-supercritical', 'supercritical / ultra-supercritical 800-1,000 MW', 0.45, 2.15],
      ['coal-subcritical-500', 'standard 500 MW subcritical', 0.4, 2.3],
      ['coal-old-small', 'older and smaller units', 0.15, 2.5],
    ] as const
  ).map(([id, technology, share, heatRate]): FleetBlock => ({
    id,
    fuel: 'coal',
    technology,
    capacityMw: COAL_MW * share,
    availability: { kind: 'coal', maintenanceAvailability: COAL_MAINTENANCE },
    heatRateGcalPerMwh: heatRate,
    nonFuelKrwPerKwh: 2,
    sources: ['epsisCapacity', 'maintenanceSeasons', 'heatRateEngineering', 'nonFuelCost'],
  })),
  {
    id: 'lng-chp-heat-credit',
    fuel: 'lng',
    technology: 'district-heating CHP, electricity cost net of the heat credit',
    capacityMw: 0,
    availability: { kind: 'heat_credit' },
    heatRateGcalPerMwh: 1.1,
    nonFuelKrwPerKwh: 0,
    sources: ['heatingSeason', 'heatRateEngineering'],
  },
  ...(
    [
      ['lng-cc-direct-import', 'newest CC and direct-import LNG', 5_000, 1.3, 'cheapLngShoulder'],
      [
        'lng-cc-efficient',
        'combined cycle, efficient (~50 % HHV)',
        8_000,
        1.72,
        'heatRateEngineering',
      ],
      [
        'lng-cc-standard',
        'combined cycle, standard (~48 % HHV)',
        10_000,
        1.8,
        'heatRateEngineering',
      ],
      ['lng-cc-older', 'combined cycle, older (~46 % HHV)', 8_000, 1.88, 'heatRateEngineering'],
      ['lng-cc-oldest', 'combined cycle, 1990s (~44 % HHV)', 6_000, 1.97, 'heatRateEngineering'],
      ['lng-peaker', 'open-cycle GT and LNG steam (~37 % HHV)', 4_000, 2.3, 'heatRateEngineering'],
    ] as const
  ).map(([id, technology, capacityMw, heatRate, source]): FleetBlock => ({
    id,
    fuel: 'lng',
    technology,
    capacityMw,
    availability: { kind: 'monthly', factor: ALWAYS },
    heatRateGcalPerMwh: heatRate,
    nonFuelKrwPerKwh: 0,
    sources: ['epsisCapacity', source, 'epsisFuelCost'],
  })),
  {
    id: 'oil-steam',
    fuel: 'oil',
    technology: 'heavy-oil steam and diesel',
    capacityMw: 2_501,
    availability: { kind: 'monthly', factor: ALWAYS },
    heatRateGcalPerMwh: 2.7,
    nonFuelKrwPerKwh: 0,
    sources: ['epsisCapacity', 'heatRateEngineering', 'epsisFuelCost'],
  },
];
