import { DomainError } from '../../shared/domain-error.js';

/**
 * The reference benchmark instances (`shared/bench/instances/vpp-*.json`), recognised by their
 * `batteries` key, mapped onto the case format so that they run through the same optimiser.
 *
 * The mapping (bench/README.md states the problem):
 * - one price series: import and export at the same price, one scenario;
 * - `portfolioImportLimitKw` / `portfolioExportLimitKw`: the portfolio's net position limits;
 * - batteries: `powerKw` both ways, `finalSocAtLeastInitial: true` = the case default
 *   (false: no final SoC target, i.e. `finalSocKwh = minSocKwh`);
 * - PV and demand response carry over field by field (DR energy cost 0, no notice).
 * The instance objective (price x net export x h, minus DR activation costs) is then exactly the
 * case objective.
 */
export const isReferenceInstance = (input: unknown): input is Readonly<Record<string, unknown>> =>
  typeof input === 'object' &&
  input !== null &&
  !Array.isArray(input) &&
  Object.prototype.hasOwnProperty.call(input, 'batteries');

type Json = Readonly<Record<string, unknown>>;

const list = (value: unknown, field: string): readonly Json[] => {
  if (value === undefined) return [];
  if (!Array.isArray(value))
    throw new DomainError('OPTIMISATION.INVALID_CASE', `${field}: must be an array`, field);
  return value as readonly Json[];
};

/**
 * A case in the case format (still to be validated by `validatePortfolioCase`, which names the
 * case field at fault; `batteries[i]` becomes `assets[i]`, PV and DR follow in that order).
 */
export const caseFromReferenceInstance = (instance: Json): Json => {
  const prices = instance.pricesKrwPerKwh;
  const batteries = list(instance.batteries, 'batteries').map((battery) => ({
    id: battery.id,
    kind: 'ess',
    chargeKw: battery.powerKw,
    dischargeKw: battery.powerKw,
    energyKwh: battery.energyKwh,
    chargeEfficiency: battery.chargeEfficiency,
    dischargeEfficiency: battery.dischargeEfficiency,
    initialSocKwh: battery.initialSocKwh,
    minSocKwh: battery.minSocKwh,
    maxSocKwh: battery.maxSocKwh,
    ...(battery.finalSocAtLeastInitial === false ? { finalSocKwh: battery.minSocKwh } : {}),
  }));
  const pv = list(instance.pv, 'pv').map((plant) => ({
    id: plant.id,
    kind: 'pv',
    forecastKw: plant.forecastKw,
    curtailable: plant.curtailable,
  }));
  const dr = list(instance.demandResponse, 'demandResponse').map((load) => ({
    id: load.id,
    kind: 'dr_load',
    reductionKw: load.reductionKw,
    minDurationHours: load.minDurationHours,
    maxDurationHours: load.maxDurationHours,
    maxActivationsPerDay: load.maxActivationsPerDay,
    activationCostKrw: load.activationCostKrw,
    allOrNothing: load.allOrNothing,
  }));
  return {
    intervalMinutes: instance.intervalMinutes,
    importPricesKrwPerKwh: prices,
    exportPricesKrwPerKwh: prices,
    ...(instance.portfolioImportLimitKw === undefined
      ? {}
      : { gridImportLimitKw: instance.portfolioImportLimitKw }),
    ...(instance.portfolioExportLimitKw === undefined
      ? {}
      : { gridExportLimitKw: instance.portfolioExportLimitKw }),
    assets: [...batteries, ...pv, ...dr],
  };
};
