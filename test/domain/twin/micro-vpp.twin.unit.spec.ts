import { ess, evCharger, fuelCell, pv } from '../../support/builders/der.builders.js';
import { asset, siteOf, times } from '../../support/builders/twin.builders.js';
import { simulateMicroVpp } from '../../../domain/twin/index.js';

/** The V2X testbed of the paper: 100 kW PV, 25 kW fuel cell, 500 kWh ESS on 50 kW, a V2G charger. */
const testbed = siteOf(
  [
    asset('pv', pv({ curtailable: true })),
    asset('fc', fuelCell()),
    asset('ess', ess()),
    asset('ev', evCharger()),
  ],
  { importKw: 200, exportKw: 30 },
);

const n = 96;
const sun = Array.from({ length: n }, (_, t) =>
  Math.max(0, 900 * Math.sin((Math.PI * (t - 24)) / 48)),
);

describe('A day of the V2X testbed (15-minute intervals)', () => {
  const result = simulateMicroVpp(
    testbed,
    { intervalMinutes: 15, intervalCount: n },
    {
      essSocKwh: { ess: 250 },
      fuelCells: { fc: { outputKw: 0, on: false } },
      evSessions: {
        ev: [
          {
            sessionId: 'commute',
            arrivalIndex: 36,
            departureIndex: 72,
            energyOnArrivalKwh: 20,
            energyRequiredAtDepartureKwh: 50,
            batteryKwh: 64,
          },
        ],
      },
    },
    { buildingLoadKw: times(40, n), pv: { pv: { irradianceWPerM2: sun } } },
    {
      // Charge the ESS from midday sun, discharge in the evening peak; the fuel cell runs 8..20 h.
      essKw: {
        ess: Array.from({ length: n }, (_, t) =>
          t >= 44 && t < 56 ? -50 : t >= 72 && t < 88 ? 50 : 0,
        ),
      },
      fuelCellKw: { fc: Array.from({ length: n }, (_, t) => (t >= 32 && t < 80 ? 25 : 0)) },
      evKw: { ev: times(-11, n) },
    },
    { seed: 'testbed-day', pvRelativeStd: 0.1, loadRelativeStd: 0.05 },
  );

  it('keeps the site inside its export limit, turning the fuel cell down before curtailing PV', () => {
    expect(result.intervals.every((i) => i.gridViolation === null)).toBe(true);
    expect(Math.max(...result.intervals.map((i) => i.netExportKw))).toBeLessThanOrEqual(30 + 1e-9);
    const curtailed = result.intervals.filter((i) =>
      i.assets.some((a) => a.kind === 'pv' && a.reasons.includes('grid_limit')),
    );
    expect(curtailed.length).toBeGreaterThan(0);
    for (const interval of curtailed)
      for (const a of interval.assets) {
        if (a.kind === 'fuel_cell') expect(a.actualKw).toBe(5); // its minimum stable output
        if (a.kind === 'ess') expect(a.actualKw).toBeLessThanOrEqual(0);
      }
  });

  it('balances energy: net export = asset energy - building load, in every interval and in total', () => {
    for (const interval of result.intervals) {
      const assets = interval.assets.reduce((sum, a) => sum + a.energyKwh, 0);
      expect(interval.netExportKwh).toBeCloseTo(assets - interval.buildingLoadKw * 0.25, 9);
    }
    const { totals } = result;
    expect(totals.exportKwh - totals.importKwh).toBeCloseTo(totals.netExportKwh, 9);
    expect(totals.netExportKwh).toBeCloseTo(
      totals.pvKwh +
        totals.fuelCellKwh +
        totals.essDischargeKwh -
        totals.essChargeKwh +
        totals.evDischargeKwh -
        totals.evChargeKwh -
        totals.buildingLoadKwh,
      9,
    );
  });

  it('charges the car to full before it leaves, and reports the session', () => {
    expect(result.evSessions).toEqual([
      expect.objectContaining({
        sessionId: 'commute',
        departed: true,
        energyReachedKwh: 64,
        shortfallKwh: 0,
      }),
    ]);
  });

  it('counts one fuel-cell start, and less than 12 h at 25 kW since the export limit turned it down', () => {
    expect(result.totals.fuelCellStarts).toBe(1);
    expect(result.totals.fuelCellKwh).toBeLessThan(25 * 12);
    expect(result.totals.fuelCellKwh).toBeGreaterThanOrEqual(5 * 12);
  });
});
