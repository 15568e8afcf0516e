import { TradingDay } from '../../shared/time/trading-day.js';

/** Resource kinds the KPX forecast scheme distinguishes for the 2025/2026 tightening (§4.5). */
export type KpxResourceKind = 'solar' | 'wind' | 'hybrid';

export interface KpxIncentiveTiers {
  /** e ≤ tier1MaxPct earns tier1RateKrwPerKwh. */
  readonly tier1MaxPct: number;
  /** tier1MaxPct < e ≤ tier2MaxPct earns tier2RateKrwPerKwh; above it nothing. */
  readonly tier2MaxPct: number;
  readonly tier1RateKrwPerKwh: number;
  readonly tier2RateKrwPerKwh: number;
  readonly regime: 'original-6-8' | 'tightened-4-6';
}

/** From the scheme's start (live 2021-10-01). Exactly 8 % sits in the 3 KRW tier (vector note). */
export const KPX_TIERS_ORIGINAL: KpxIncentiveTiers = {
  tier1MaxPct: 6,
  tier2MaxPct: 8,
  tier1RateKrwPerKwh: 4,
  tier2RateKrwPerKwh: 3,
  regime: 'original-6-8',
};

/** Thresholds 2 pp tighter; the 4 %/6 % split is SECONDARY in kpx-market-rules.md §4.5. */
export const KPX_TIERS_TIGHTENED: KpxIncentiveTiers = {
  tier1MaxPct: 4,
  tier2MaxPct: 6,
  tier1RateKrwPerKwh: 4,
  tier2RateKrwPerKwh: 3,
  regime: 'tightened-4-6',
};

const TIGHTENED_FROM: Readonly<Record<KpxResourceKind, TradingDay>> = {
  solar: TradingDay.parse('2025-06-01'),
  wind: TradingDay.parse('2026-06-01'),
  hybrid: TradingDay.parse('2026-06-01'),
};

/**
 * The tiers in force on `day` for a resource kind. Days before the scheme went live (2021-10-01) get
 * the original tiers, so backtests over 2020-2021 show what the scheme would have paid.
 */
export const kpxIncentiveTiersFor = (day: TradingDay, kind: KpxResourceKind): KpxIncentiveTiers =>
  day.isBefore(TIGHTENED_FROM[kind]) ? KPX_TIERS_ORIGINAL : KPX_TIERS_TIGHTENED;
