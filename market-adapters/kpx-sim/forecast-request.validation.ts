import { isMarketId, type MarketId } from '../../domain/market/market-rules.js';
import {
  kpxSubmissionGateMs,
  type KpxForecastScheme,
} from '../../domain/forecasting/kpx-scheme/index.js';
import { HOURS_PER_DAY } from '../../domain/shared/time/kpx-numbering.js';
import { TradingDay } from '../../domain/shared/time/trading-day.js';
import { FORECAST_SUBMISSION_SLOTS, type ForecastSubmissionSlot } from '../market-adapter.port.js';

export interface ValidForecast {
  readonly portfolioId: string;
  readonly market: MarketId;
  readonly tradingDay: TradingDay;
  readonly slot: ForecastSubmissionSlot;
  readonly hourlyEnergyKwh: readonly number[];
}

export type ForecastCheck =
  | { readonly ok: true; readonly forecast: ValidForecast }
  | { readonly ok: false; readonly code: string; readonly reason: string };

const invalid = (field: string, message: string): ForecastCheck => ({
  ok: false,
  code: 'FORECAST.INVALID_REQUEST',
  reason: `${field}: ${message}`,
});

/**
 * Checks a renewable forecast submission: 24 hourly energies >= 0 for a known market, sent no
 * later than its slot's gate on D-1 (on time at the gate instant itself, as the scheme's
 * `kpxSubmissionGateMs` defines it).
 */
export const checkForecastRequest = (
  request: unknown,
  scheme: KpxForecastScheme,
  nowMs: number,
): ForecastCheck => {
  if (request === null || typeof request !== 'object' || Array.isArray(request))
    return invalid('request', 'must be a JSON object');
  const raw = request as Record<string, unknown>;
  const { portfolioId, market, tradingDay, slot, hourlyEnergyKwh } = raw;
  if (typeof portfolioId !== 'string' || portfolioId.trim() === '')
    return invalid('portfolioId', 'must be a non-empty string');
  if (typeof market !== 'string' || !isMarketId(market))
    return {
      ok: false,
      code: 'FORECAST.UNKNOWN_PRODUCT',
      reason: `unknown market ${JSON.stringify(market)}`,
    };
  let day: TradingDay;
  try {
    day = TradingDay.parse(tradingDay as string);
  } catch {
    return invalid('tradingDay', `must be a trading day YYYY-MM-DD, got ${String(tradingDay)}`);
  }
  if (!(FORECAST_SUBMISSION_SLOTS as readonly unknown[]).includes(slot))
    return invalid('slot', `must be one of ${FORECAST_SUBMISSION_SLOTS.join(', ')}`);
  const typedSlot = slot as ForecastSubmissionSlot;
  const gateMs = kpxSubmissionGateMs(day, typedSlot, scheme);
  if (nowMs > gateMs)
    return {
      ok: false,
      code: 'FORECAST.GATE_CLOSED',
      reason: `the ${typedSlot} forecast for ${day.toString()} was due by ${new Date(gateMs).toISOString()} (D-1 ${scheme.submissionGatesKst[typedSlot]} KST); it arrived at ${new Date(nowMs).toISOString()}`,
    };
  if (!Array.isArray(hourlyEnergyKwh) || hourlyEnergyKwh.length !== HOURS_PER_DAY)
    return invalid('hourlyEnergyKwh', `must hold ${HOURS_PER_DAY} hourly values`);
  const bad = hourlyEnergyKwh.findIndex(
    (value) => typeof value !== 'number' || !Number.isFinite(value) || value < 0,
  );
  if (bad >= 0)
    return invalid(`hourlyEnergyKwh[${bad}]`, 'must be a finite number of kWh, at least 0');
  return {
    ok: true,
    forecast: {
      portfolioId,
      market,
      tradingDay: day,
      slot: typedSlot,
      hourlyEnergyKwh: hourlyEnergyKwh as number[],
    },
  };
};
