import { DomainError } from '../shared/domain-error.js';
import type { IntervalMinutes } from '../shared/time/interval-grid.js';
import type { Kw, KrwPerKwh } from '../shared/units.js';
import { DEFAULT_DAY_AHEAD_GATE_KST, gateMinutesKst } from './day-ahead-gate.js';

export const MARKETS = ['mainland', 'jeju'] as const;
export type MarketId = (typeof MARKETS)[number];

export const isMarketId = (value: string): value is MarketId =>
  (MARKETS as readonly string[]).includes(value);

/** How sure the rules document is of a value (kpx-market-rules.md labels). */
export type RuleConfidence = 'CONFIRMED' | 'SECONDARY' | 'UNCONFIRMED' | 'ASSUMED';

export interface DayAheadRules {
  readonly intervalMinutes: IntervalMinutes;
  /** Offers for day D are due before D-1 at this KST wall time. */
  readonly gateKst: string;
  /** Awards for day D are published on D-1 at this KST wall time. */
  readonly resultsKst: string;
}

export interface RealTimeRules {
  readonly intervalMinutes: IntervalMinutes;
  /** Each run clears this many minutes ahead. */
  readonly horizonMinutes: number;
  readonly runEveryMinutes: number;
  /** Final real-time prices of day D are published on D+1 at this KST wall time. */
  readonly finalPricesKst: string;
}

export interface CurveRules {
  readonly maxSegments: number;
  readonly priceFloorKrwPerKwh: KrwPerKwh;
  readonly priceCapKrwPerKwh: KrwPerKwh;
  /** A non-zero offered quantity must be at least this. */
  readonly minQuantityKw: Kw;
  /** Offered quantities are whole multiples of this. */
  readonly quantityStepKw: Kw;
}

/** One value the engine assumes, with where it comes from, so the README can list them. */
export interface RuleAssumption {
  readonly parameter: string;
  readonly value: string;
  readonly confidence: RuleConfidence;
  readonly source: string;
}

export interface MarketRules {
  readonly market: MarketId;
  readonly dayAhead: DayAheadRules;
  /** Absent where the market has no real-time energy market (the mainland, for now). */
  readonly realTime?: RealTimeRules;
  readonly curve: CurveRules;
  /** Renewable offers carry a price (Jeju pilot) instead of being price-takers. */
  readonly renewablePriceBids: boolean;
  readonly assumptions: readonly RuleAssumption[];
}

/** The overridable values; configuration supplies them (environment, files), rules check them. */
export interface MarketRuleOverrides {
  readonly dayAheadGateKst?: string;
  readonly dayAheadResultsKst?: string;
  readonly maxSegments?: number;
  readonly priceFloorKrwPerKwh?: number;
  readonly priceCapKrwPerKwh?: number;
  readonly minQuantityKw?: number;
  readonly quantityStepKw?: number;
}

const RULES_DOC = 'shared/domain/kpx-market-rules.md';

const mainlandDefaults: MarketRules = {
  market: 'mainland',
  dayAhead: { intervalMinutes: 60, gateKst: DEFAULT_DAY_AHEAD_GATE_KST, resultsKst: '15:00' },
  curve: {
    maxSegments: 10,
    priceFloorKrwPerKwh: 0 as KrwPerKwh,
    priceCapKrwPerKwh: 1_000 as KrwPerKwh,
    minQuantityKw: 1_000 as Kw,
    quantityStepKw: 100 as Kw,
  },
  renewablePriceBids: false,
  assumptions: [
    {
      parameter: 'dayAhead.gateKst',
      value: `D-1 ${DEFAULT_DAY_AHEAD_GATE_KST}`,
      confidence: 'UNCONFIRMED',
      source: `${RULES_DOC} §1.2 (SECONDARY for DR, UNCONFIRMED for generators)`,
    },
    {
      parameter: 'dayAhead.resultsKst',
      value: 'D-1 15:00',
      confidence: 'SECONDARY',
      source: `${RULES_DOC} §1.2`,
    },
    {
      parameter: 'curve.maxSegments',
      value: '10',
      confidence: 'UNCONFIRMED',
      source: `${RULES_DOC} §2.3 (Jeju renewable bids, weak vendor source; none found for the mainland)`,
    },
    {
      parameter: 'curve.priceFloorKrwPerKwh',
      value: '0',
      confidence: 'ASSUMED',
      source: `${RULES_DOC} §1.3: mainland SMP reached 0 in 2024, no negative mainland price reported`,
    },
    {
      parameter: 'curve.priceCapKrwPerKwh',
      value: '1000',
      confidence: 'ASSUMED',
      source: `${RULES_DOC} §1.3: no permanent SMP cap; a technical ceiling well above every SMP seen (max 359.50 in 2022)`,
    },
    {
      parameter: 'curve.minQuantityKw',
      value: '1000',
      confidence: 'SECONDARY',
      source: `${RULES_DOC} §5.1: economic DR bids in MW units, at least 1 MW; §2.3: aggregated VPP > 1 MW`,
    },
    {
      parameter: 'curve.quantityStepKw',
      value: '100',
      confidence: 'ASSUMED',
      source: 'no source found; 0.1 MW steps',
    },
  ],
};

const jejuDefaults: MarketRules = {
  ...mainlandDefaults,
  market: 'jeju',
  realTime: {
    intervalMinutes: 15,
    horizonMinutes: 120,
    runEveryMinutes: 15,
    finalPricesKst: '18:00',
  },
  curve: { ...mainlandDefaults.curve, priceFloorKrwPerKwh: -100 as KrwPerKwh },
  renewablePriceBids: true,
  assumptions: [
    ...mainlandDefaults.assumptions.filter((a) => a.parameter !== 'curve.priceFloorKrwPerKwh'),
    {
      parameter: 'curve.priceFloorKrwPerKwh',
      value: '-100',
      confidence: 'ASSUMED',
      source: `${RULES_DOC} §2.3: negative Jeju prices occur; numeric floor UNCONFIRMED`,
    },
    {
      parameter: 'realTime',
      value:
        '15-minute intervals, 96 runs a day, each covering the next 2 hours; final prices D+1 18:00',
      confidence: 'SECONDARY',
      source: `${RULES_DOC} §2.2 (run count CONFIRMED, 2-hour horizon and D+1 18:00 SECONDARY)`,
    },
  ],
};

const invalid = (field: string, message: string, value: unknown): DomainError =>
  new DomainError('MARKET.INVALID_RULES', `${field} ${message}, got ${String(value)}`, field, {
    value,
  });

const finiteNumber = (value: number, field: string): number => {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw invalid(field, 'must be a finite number', value);
  return value;
};

const positive = (value: number, field: string): number => {
  if (finiteNumber(value, field) <= 0) throw invalid(field, 'must be greater than 0', value);
  return value;
};

const checked = (rules: MarketRules): MarketRules => {
  const { curve, dayAhead } = rules;
  const gateMinutes = gateMinutesKst(dayAhead.gateKst);
  const resultsMinutes = gateMinutesKst(dayAhead.resultsKst);
  if (resultsMinutes <= gateMinutes)
    throw invalid(
      'dayAheadResultsKst',
      `must be after the gate (${dayAhead.gateKst}) on the same day D-1`,
      dayAhead.resultsKst,
    );
  const segments = curve.maxSegments;
  if (!Number.isSafeInteger(segments) || segments < 1)
    throw invalid('maxSegments', 'must be a whole number of at least 1', segments);
  finiteNumber(curve.priceFloorKrwPerKwh, 'priceFloorKrwPerKwh');
  if (finiteNumber(curve.priceCapKrwPerKwh, 'priceCapKrwPerKwh') <= curve.priceFloorKrwPerKwh)
    throw invalid(
      'priceCapKrwPerKwh',
      `must be above the price floor (${curve.priceFloorKrwPerKwh} KRW/kWh)`,
      curve.priceCapKrwPerKwh,
    );
  positive(curve.quantityStepKw, 'quantityStepKw');
  positive(curve.minQuantityKw, 'minQuantityKw');
  return rules;
};

/**
 * The rules of `market`, with configured overrides applied and checked. Values the rules document
 * does not confirm are defaults listed in `assumptions`, never constants elsewhere in the code.
 */
export const marketRules = (market: MarketId, overrides: MarketRuleOverrides = {}): MarketRules => {
  if (!isMarketId(market)) throw invalid('market', `must be one of ${MARKETS.join(', ')}`, market);
  const base = market === 'mainland' ? mainlandDefaults : jejuDefaults;
  return checked({
    ...base,
    dayAhead: {
      ...base.dayAhead,
      gateKst: overrides.dayAheadGateKst ?? base.dayAhead.gateKst,
      resultsKst: overrides.dayAheadResultsKst ?? base.dayAhead.resultsKst,
    },
    curve: {
      maxSegments: overrides.maxSegments ?? base.curve.maxSegments,
      priceFloorKrwPerKwh: (overrides.priceFloorKrwPerKwh ??
        base.curve.priceFloorKrwPerKwh) as KrwPerKwh,
      priceCapKrwPerKwh: (overrides.priceCapKrwPerKwh ?? base.curve.priceCapKrwPerKwh) as KrwPerKwh,
      minQuantityKw: (overrides.minQuantityKw ?? base.curve.minQuantityKw) as Kw,
      quantityStepKw: (overrides.quantityStepKw ?? base.curve.quantityStepKw) as Kw,
    },
  });
};
