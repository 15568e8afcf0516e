import { validateDerParameters } from '../../domain/ders/index.js';
import { canHold, validatePortfolioSettings } from '../../domain/portfolios/index.js';
import { DEMO_FIXTURE } from '../../src/fixtures/demo-fixture.js';

describe('the demo fixture', () => {
  const byId = new Map(DEMO_FIXTURE.portfolios.map((p) => [p.portfolioId, p]));

  it('has one wholesale VPP, two communities and six micro-VPPs, parents listed first', () => {
    const tiers = DEMO_FIXTURE.portfolios.map((p) => p.settings.tier);
    expect(tiers.filter((t) => t === 'wholesale')).toHaveLength(1);
    expect(tiers.filter((t) => t === 'community')).toHaveLength(2);
    expect(tiers.filter((t) => t === 'micro')).toHaveLength(6);
    DEMO_FIXTURE.portfolios.forEach((p, i) => {
      if (p.parentId === undefined) return;
      const parent = byId.get(p.parentId);
      expect(parent).toBeDefined();
      expect(DEMO_FIXTURE.portfolios.indexOf(parent!)).toBeLessThan(i);
      expect(canHold(parent!.settings.tier, p.settings.tier)).toBe(true);
    });
  });

  it('holds only settings and parameters the deciders accept, unchanged by validation', () => {
    for (const p of DEMO_FIXTURE.portfolios)
      expect(validatePortfolioSettings(p.settings)).toEqual(p.settings);
    for (const d of DEMO_FIXTURE.ders)
      expect(validateDerParameters(d.parameters)).toEqual(d.parameters);
  });

  it('puts every DER in a micro-VPP, PV at the site of its micro-VPP, and keeps PV plants under 1 MW', () => {
    for (const d of DEMO_FIXTURE.ders) {
      const micro = byId.get(d.microPortfolioId)?.settings;
      expect(micro?.tier).toBe('micro');
      if (d.parameters.kind === 'pv' && micro?.tier === 'micro') {
        expect(d.parameters.siteId).toBe(micro.siteId);
        expect(d.parameters.capacityKwp).toBeLessThan(1_000);
        expect(d.parameters.inverterKw).toBeLessThanOrEqual(micro.gridExportLimitKw);
      }
    }
  });

  it('models the V2X testbed of the paper: 100 kW PV, 25 kW fuel cell, 500 kWh ESS on 50 kW', () => {
    const v2x = new Map(
      DEMO_FIXTURE.ders
        .filter((d) => d.microPortfolioId === 'micro-v2x-daegu')
        .map((d) => [d.parameters.kind, d.parameters]),
    );
    expect(v2x.get('pv')).toMatchObject({ capacityKwp: 100 });
    expect(v2x.get('fuel_cell')).toMatchObject({ ratedKw: 25 });
    expect(v2x.get('ess')).toMatchObject({ energyKwh: 500, chargeKw: 50, dischargeKw: 50 });
    expect(v2x.get('ev_charger')).toMatchObject({ maxDischargeKw: expect.any(Number) });
    expect((v2x.get('ev_charger') as { maxDischargeKw: number }).maxDischargeKw).toBeGreaterThan(0);
  });
});
