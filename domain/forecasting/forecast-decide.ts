import { oneOf, sameJson } from '../shared/input-parsing.js';
import { instantMs, isoInstant } from '../shared/iso-instant.js';
import { DAY_MS } from '../shared/time/kst.js';
import { TradingDay } from '../shared/time/trading-day.js';
import type { ForecastCommand, IssueForecast, SubmitKpxForecast } from './forecast-commands.js';
import { forecastError, invalidForecastInput } from './forecast-errors.js';
import type { ForecastEvent } from './forecast-events.js';
import { forecastDayOf, forecastPortfolioIdOf } from './forecast-ids.js';
import { GENERATION_ASSET_KINDS, MEDIAN_LEVEL } from './forecast-series.js';
import type { ForecastDayState, IssuedForecast } from './forecast-state.js';
import { checkIssueForecast, type CheckedForecast } from './forecast-validation.js';
import { kpxForecastEligibility, type RenewablePlant } from './kpx-scheme/kpx-eligibility.js';
import {
  KPX_SUBMISSION_SLOTS,
  validateKpxForecastScheme,
} from './kpx-scheme/kpx-forecast-scheme.js';
import { hourlyEnergyKwh } from './kpx-scheme/kpx-settled-forecast.js';
import { isoOf, kpxSubmissionGateMs } from './kpx-scheme/kpx-submission-gates.js';

export const decideForecast = (
  command: ForecastCommand,
  state: ForecastDayState,
): ForecastEvent[] => {
  switch (command.type) {
    case 'IssueForecast':
      return issue(command, state);
    case 'SubmitKpxForecast':
      return submit(command, state);
  }
};

const issue = (command: IssueForecast, state: ForecastDayState): ForecastEvent[] => {
  const checked = checkIssueForecast(command);
  mustMatchStream(state, checked.portfolioId, checked.tradingDay);
  const previous = state.status === 'issued' ? state.versions : [];
  const same = previous.find((issued) => issued.forecastId === checked.forecastId);
  if (same !== undefined) {
    if (sameContent(same, checked)) return []; // a retried command
    throw forecastError(
      'FORECAST.ID_CONFLICT',
      `forecast ${checked.forecastId} was already issued as version ${same.version} with other ` +
        `content; issue a new forecast under a new id`,
      'forecastId',
      { version: same.version },
    );
  }
  // A forecast is of a day still to come or under way; one issued after the day is a backcast.
  const dayEndMs = TradingDay.parse(checked.tradingDay).startMs + DAY_MS;
  if (instantMs(checked.issuedAt) >= dayEndMs)
    throw forecastError(
      'FORECAST.ISSUED_AFTER_DAY',
      `a forecast for ${checked.tradingDay} must be issued before the day ends ` +
        `(${isoOf(dayEndMs)}), got issuedAt ${checked.issuedAt}`,
      'issuedAt',
    );
  return [{ type: 'ForecastIssued', data: { ...checked, version: previous.length + 1 } }];
};

const sameContent = (stored: IssuedForecast, checked: CheckedForecast): boolean => {
  const { version: _version, ...content } = stored;
  return sameJson(content, checked);
};

const mustMatchStream = (state: ForecastDayState, portfolioId: string, tradingDay: string) => {
  if (state.status !== 'issued') return;
  if (state.portfolioId !== portfolioId || state.tradingDay !== tradingDay)
    throw forecastError(
      'FORECAST.STREAM_MISMATCH',
      `this stream holds forecasts of ${state.portfolioId} on ${state.tradingDay}, not of ` +
        `${portfolioId} on ${tradingDay}`,
      'portfolioId',
    );
};

const submit = ({ data }: SubmitKpxForecast, state: ForecastDayState): ForecastEvent[] => {
  const portfolioId = forecastPortfolioIdOf(data.portfolioId);
  const tradingDay = forecastDayOf(data.tradingDay);
  const slot = oneOf(data.slot, KPX_SUBMISSION_SLOTS, 'slot', (field, message, details) => {
    throw forecastError('FORECAST.INVALID_SLOT', message, field, details);
  });
  const submittedAt = isoInstant(data.submittedAt, 'submittedAt', invalidForecastInput);
  const scheme = validateKpxForecastScheme(data.scheme);
  if (state.status !== 'issued')
    throw forecastError(
      'FORECAST.NOT_FOUND',
      `no forecast has been issued for ${portfolioId} on ${tradingDay}; issue one first`,
      'tradingDay',
    );
  mustMatchStream(state, portfolioId, tradingDay);
  const forecast = forecastToSubmit(state.versions, data.forecastVersion, submittedAt);

  const held = state.submissions[slot];
  // The same version again is a retry, whenever it arrives: the first one already counts.
  if (held !== undefined && held.forecastVersion === forecast.version) return [];
  const day = TradingDay.parse(tradingDay);
  const gateMs = kpxSubmissionGateMs(day, slot, scheme);
  if (instantMs(submittedAt) > gateMs)
    throw forecastError(
      'FORECAST.GATE_CLOSED',
      `the ${slot} KPX forecast submission for ${tradingDay} was due by ` +
        `D-1 ${scheme.submissionGatesKst[slot]} KST (${isoOf(gateMs)}); it is ${submittedAt}`,
      'slot',
      { gateAt: isoOf(gateMs), submittedAt },
    );
  const eligibility = kpxForecastEligibility(plantsOf(data.renewablePlants), scheme);
  if (!eligibility.eligible || eligibility.basis === undefined)
    throw forecastError(
      'FORECAST.BELOW_REGISTRATION_THRESHOLD',
      `${portfolioId} cannot take part in the KPX renewable forecast scheme: ${eligibility.reason}`,
      'portfolioId',
      { registrationThresholdKw: scheme.registrationThresholdKw },
    );
  return [
    {
      type: 'KpxForecastSubmitted',
      data: {
        portfolioId,
        tradingDay,
        slot,
        gateAt: isoOf(gateMs),
        submittedAt,
        forecastId: forecast.forecastId,
        forecastVersion: forecast.version,
        ...(held === undefined ? {} : { replacesVersion: held.forecastVersion }),
        eligibilityBasis: eligibility.basis,
        registeredCapacityKw: eligibility.registeredCapacityKw,
        unit: 'kWh',
        energyKwh: renewableP50Hourly(forecast),
      },
    },
  ];
};

/** The version asked for, or the latest one issued by the time of the submission. */
const forecastToSubmit = (
  versions: readonly IssuedForecast[],
  version: number | undefined,
  submittedAt: string,
): IssuedForecast => {
  if (version === undefined) {
    const latest = versions.findLast((issued) => issued.issuedAt <= submittedAt);
    if (latest === undefined)
      throw forecastError(
        'FORECAST.NOT_FOUND',
        `no forecast version was issued by ${submittedAt}`,
        'forecastVersion',
      );
    return latest;
  }
  const chosen = Number.isInteger(version) ? versions[version - 1] : undefined;
  if (chosen === undefined)
    throw forecastError(
      'FORECAST.NOT_FOUND',
      `there is no forecast version ${String(version)} (versions 1..${versions.length})`,
      'forecastVersion',
    );
  if (chosen.issuedAt > submittedAt)
    throw forecastError(
      'FORECAST.ISSUED_AFTER_SUBMISSION',
      `version ${chosen.version} was issued at ${chosen.issuedAt}, after the submission (${submittedAt})`,
      'forecastVersion',
    );
  return chosen;
};

/**
 * What KPX receives: the median of every PV and wind series of the forecast, summed over the
 * micro-VPPs and per trading hour. SIMPLIFICATION: the submission covers all of the portfolio's
 * solar and wind; plants the scheme excludes (between 1 and 20 MW) are not split off, because
 * forecasts are stored per micro-VPP, not per plant.
 */
const renewableP50Hourly = (forecast: IssuedForecast): number[] => {
  const renewable = forecast.series.filter((s) => GENERATION_ASSET_KINDS.includes(s.assetKind));
  if (renewable.length === 0)
    throw forecastError(
      'FORECAST.NO_RENEWABLE_SERIES',
      `forecast version ${forecast.version} holds no PV or wind series to submit`,
      'forecastVersion',
    );
  const perInterval = new Array<number>(renewable[0]?.values[0]?.length ?? 0).fill(0);
  for (const series of renewable) {
    const median = series.levels.indexOf(MEDIAN_LEVEL);
    const row = series.values[median];
    if (median < 0 || row === undefined)
      throw forecastError(
        'FORECAST.NO_MEDIAN',
        `the ${series.assetKind} series of ${series.microVppId} in version ${forecast.version} ` +
          `has no ${MEDIAN_LEVEL} level, which KPX submissions are taken from`,
        'forecastVersion',
      );
    for (let i = 0; i < perInterval.length; i++)
      perInterval[i] = (perInterval[i] ?? 0) + (row[i] ?? 0);
  }
  return hourlyEnergyKwh(perInterval, forecast.intervalMinutes).map(roundWh);
};

/** To the watt-hour: what a meter resolves, and it keeps summed floats from showing noise. */
const roundWh = (kwhValue: number): number => Math.round(kwhValue * 1000) / 1000 + 0;

const plantsOf = (raw: unknown): RenewablePlant[] => {
  if (!Array.isArray(raw))
    throw forecastError(
      'FORECAST.INVALID_INPUT',
      'renewablePlants must be an array',
      'renewablePlants',
    );
  return raw.map((plant: unknown, i) => {
    const p = plant as { plantId?: unknown; kind?: unknown; capacityKw?: unknown } | null;
    const capacityKw = p?.capacityKw;
    if (
      typeof p?.plantId !== 'string' ||
      (p.kind !== 'pv' && p.kind !== 'wind') ||
      typeof capacityKw !== 'number' ||
      !Number.isFinite(capacityKw) ||
      capacityKw < 0
    )
      throw forecastError(
        'FORECAST.INVALID_INPUT',
        `renewablePlants[${i}] must be { plantId, kind: 'pv' | 'wind', capacityKw >= 0 }`,
        `renewablePlants[${i}]`,
      );
    return { plantId: p.plantId, kind: p.kind, capacityKw: capacityKw + 0 };
  });
};
