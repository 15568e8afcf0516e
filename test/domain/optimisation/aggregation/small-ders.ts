/**
 * DERs of the small aggregation cases (as `validatePortfolioCase` input): a DR load of one
 * programme (1-2 h, once a day, an hour's notice, 20 KRW per kW activated, 30 KRW per kWh) and a
 * 20 kW fuel cell (minimum 8 kW, ramp 8 kW per interval, 150 KRW/kWh, 500 KRW a start).
 */
export const drLoad = (id: string, reductionKw: number, allOrNothing: boolean) => ({
  id,
  kind: 'dr_load',
  reductionKw,
  minDurationHours: 1,
  maxDurationHours: 2,
  maxActivationsPerDay: 1,
  noticeMinutes: 60,
  activationCostKrw: 20 * reductionKw,
  energyCostKrwPerKwh: 30,
  allOrNothing,
});

export const fuelCell = (id: string, initialOutputKw: number) => ({
  id,
  kind: 'fuel_cell',
  ratedKw: 20,
  minStableKw: 8,
  rampKwPerInterval: 8,
  fuelCostKrwPerKwh: 150,
  startCostKrw: 500,
  initialOutputKw,
});
