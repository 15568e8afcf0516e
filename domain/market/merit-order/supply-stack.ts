import { DomainError } from '../../shared/domain-error.js';
import { DEFAULT_CALIBRATION, type MeritOrderCalibration } from './calibration.js';
import {
  COAL_SEASONAL_MANAGEMENT_2024,
  FLEET_2024,
  FUEL_COST_KRW_PER_GCAL_2024,
  HEATING_WEIGHT,
  NUCLEAR_2024,
  type FleetBlock,
  type FleetFuel,
} from './fleet.data.js';

/** One block of the supply stack of a month: what it offers and at which price. */
export interface StackBlock {
  readonly id: string;
  readonly fuel: FleetFuel;
  readonly availableMw: number;
  readonly offerKrwPerKwh: number;
}

/** A month's stack sorted by offer price (ties keep fleet order), with cumulative capacity. */
export interface SupplyStack {
  readonly month: number;
  readonly blocks: readonly StackBlock[];
  /** `cumulativeMw[k]` = available MW of blocks 0..k. */
  readonly cumulativeMw: Float64Array;
}

const checkMonth = (month: number): number => {
  if (!Number.isInteger(month) || month < 1 || month > 12)
    throw new DomainError(
      'MERIT_ORDER.INVALID_INPUT',
      `month must be an integer 1..12, got ${month}`,
      'month',
    );
  return month - 1;
};

const nuclearAvailableMw = (m: number): number =>
  (NUCLEAR_2024.fleetMw[m]! -
    NUCLEAR_2024.reactorsInPlannedOutage[m]! * NUCLEAR_2024.averageReactorMw) *
  (1 - NUCLEAR_2024.forcedOutageRate);

const availableMw = (
  block: FleetBlock,
  m: number,
  calibration: MeritOrderCalibration,
  coalCapacityMw: number,
): number => {
  const availability = block.availability;
  switch (availability.kind) {
    case 'nuclear':
      return nuclearAvailableMw(m);
    case 'heat_credit':
      return calibration.heatCreditChpMw * HEATING_WEIGHT[m]!;
    case 'monthly':
      return block.capacityMw * availability.factor[m]!;
    case 'coal': {
      const weight = calibration.coalSeasonalCurtailmentWeight;
      const share = block.capacityMw / coalCapacityMw;
      const afterMaintenance =
        block.capacityMw * availability.maintenanceAvailability[m]! * (1 - calibration.coalDerate);
      const running =
        afterMaintenance - weight * COAL_SEASONAL_MANAGEMENT_2024.stoppedMw[m]! * share;
      const cap = 1 - weight * (1 - COAL_SEASONAL_MANAGEMENT_2024.outputCapShare[m]!);
      return Math.max(0, running * cap);
    }
  }
};

/** Variable cost of a block in a month (0 for price-taking must-run), KRW/kWh. */
export const offerPriceKrwPerKwh = (
  block: FleetBlock,
  month: number,
  calibration: MeritOrderCalibration = DEFAULT_CALIBRATION,
): number => {
  const m = checkMonth(month);
  if (block.fuel === 'must_run') return block.nonFuelKrwPerKwh;
  const fuelCost = FUEL_COST_KRW_PER_GCAL_2024[block.fuel][m]!;
  const scale = block.fuel === 'lng' ? calibration.lngCostScale : 1;
  // Gcal/MWh x KRW/Gcal = KRW/MWh; / 1,000 = KRW/kWh.
  return (block.heatRateGcalPerMwh * fuelCost * scale) / 1_000 + block.nonFuelKrwPerKwh;
};

/** The supply stack of `month` (1..12) of 2024; blocks with nothing available are left out. */
export const supplyStackFor = (
  month: number,
  calibration: MeritOrderCalibration = DEFAULT_CALIBRATION,
  fleet: readonly FleetBlock[] = FLEET_2024,
): SupplyStack => {
  const m = checkMonth(month);
  // The MW stopped by seasonal management are shared by the coal blocks pro rata.
  const coalCapacityMw = fleet
    .filter((block) => block.availability.kind === 'coal')
    .reduce((sum, block) => sum + block.capacityMw, 0);
  const blocks = fleet
    .map((block): StackBlock => ({
      id: block.id,
      fuel: block.fuel,
      availableMw: availableMw(block, m, calibration, coalCapacityMw),
      offerKrwPerKwh: offerPriceKrwPerKwh(block, month, calibration),
    }))
    .filter((block) => block.availableMw > 0)
    // Array.prototype.sort is stable, so equal offers keep fleet order.
    .sort((a, b) => a.offerKrwPerKwh - b.offerKrwPerKwh);
  const cumulativeMw = new Float64Array(blocks.length);
  let total = 0;
  blocks.forEach((block, k) => {
    total += block.availableMw;
    cumulativeMw[k] = total;
  });
  return { month, blocks, cumulativeMw };
};
