import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CALIBRATION } from '../../../../domain/market/merit-order/calibration.js';
import {
  FLEET_2024,
  FUEL_COST_KRW_PER_GCAL_2024,
  SOURCES,
} from '../../../../domain/market/merit-order/fleet.data.js';
import {
  offerPriceKrwPerKwh,
  supplyStackFor,
} from '../../../../domain/market/merit-order/supply-stack.js';

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

describe('2024 fleet data', () => {
  it('gives every block a positive capacity, or derives it from data (nuclear, heat credit)', () => {
    for (const block of FLEET_2024) {
      const derived =
        block.availability.kind === 'nuclear' || block.availability.kind === 'heat_credit';
      if (!derived) expect(block.capacityMw).toBeGreaterThan(0);
    }
    for (const month of MONTHS)
      for (const block of supplyStackFor(month).blocks)
        expect(block.availableMw).toBeGreaterThan(0);
  });

  it('names at least one known source for every block', () => {
    for (const block of FLEET_2024) {
      expect(block.sources.length).toBeGreaterThan(0);
      for (const key of block.sources) expect(SOURCES[key]).toBeDefined();
    }
  });

  it('has unique block ids and 12 positive monthly fuel costs per fuel', () => {
    expect(new Set(FLEET_2024.map((b) => b.id)).size).toBe(FLEET_2024.length);
    for (const costs of Object.values(FUEL_COST_KRW_PER_GCAL_2024)) {
      expect(costs).toHaveLength(12);
      for (const cost of costs) expect(cost).toBeGreaterThan(0);
    }
  });

  it('prices a higher heat rate higher within a fuel, every month', () => {
    for (const month of MONTHS)
      for (const fuel of ['coal', 'lng'] as const) {
        const blocks = FLEET_2024.filter((b) => b.fuel === fuel).sort(
          (a, b) => a.heatRateGcalPerMwh - b.heatRateGcalPerMwh,
        );
        expect(blocks.length).toBeGreaterThan(1);
        for (let k = 1; k < blocks.length; k++)
          expect(offerPriceKrwPerKwh(blocks[k]!, month)).toBeGreaterThan(
            offerPriceKrwPerKwh(blocks[k - 1]!, month),
          );
      }
  });

  it('prices an LNG block at heat rate x the month LNG cost (KRW/Gcal -> KRW/kWh)', () => {
    const block = FLEET_2024.find((b) => b.id === 'lng-cc-standard')!;
    expect(offerPriceKrwPerKwh(block, 1, { ...DEFAULT_CALIBRATION, lngCostScale: 1 })).toBeCloseTo(
      (1.8 * 94_373.35) / 1_000,
      6,
    );
  });

  it('orders each month stack by offer: nuclear and must-run below coal below the LNG bulk', () => {
    for (const month of MONTHS) {
      const { blocks, cumulativeMw } = supplyStackFor(month);
      for (let k = 1; k < blocks.length; k++) {
        expect(blocks[k]!.offerKrwPerKwh).toBeGreaterThanOrEqual(blocks[k - 1]!.offerKrwPerKwh);
        expect(cumulativeMw[k]).toBeGreaterThan(cumulativeMw[k - 1]!);
      }
      const price = (id: string) => blocks.find((b) => b.id === id)!.offerKrwPerKwh;
      expect(price('nuclear')).toBeLessThan(price('coal-supercritical'));
      expect(price('coal-old-small')).toBeLessThan(price('lng-cc-efficient'));
      // Enough capacity for the 2024 peak (97.1 GW) with market solar and wind added.
      expect(cumulativeMw[cumulativeMw.length - 1]).toBeGreaterThan(85_000);
    }
  });

  it('rejects a month outside 1..12', () => {
    expect(() => supplyStackFor(13)).toThrow(/month must be an integer 1\.\.12/);
  });
});
