export {
  DEFAULT_KPX_FORECAST_SCHEME,
  KPX_SUBMISSION_SLOTS,
  validateKpxForecastScheme,
  type KpxForecastScheme,
  type KpxSubmissionSlot,
} from './kpx-forecast-scheme.js';
export { kpxSubmissionGateMs, kpxSubmissionGates } from './kpx-submission-gates.js';
export {
  kpxForecastEligibility,
  renewablePlantsOf,
  type KpxEligibility,
  type KpxEligibilityBasis,
  type RenewableKind,
  type RenewablePlant,
} from './kpx-eligibility.js';
export {
  hourlyEnergyKwh,
  settleKpxForecast,
  settledForecastMean,
  type SettledForecastBasis,
  type SettledKpxForecast,
} from './kpx-settled-forecast.js';
