import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '../../src/config/config-error.js';
import { CliUsageError } from '../../src/cli/cli-args.js';
import { scaleFixture } from '../../src/fixtures/scale-fixture.js';
import { loadDeviationPenaltyConfig } from '../../src/simulation/strategies/deviation-penalty-config.js';
import { parseStrategyArgs } from '../../src/simulation/strategies/strategy-args.js';

describe('DEVIATION_PENALTY_SMP_FACTOR', () => {
  it('defaults to half the SMP and takes any factor from 0 to 10', () => {
    expect(loadDeviationPenaltyConfig({}).smpFactor).toBe(0.5);
    expect(loadDeviationPenaltyConfig({ DEVIATION_PENALTY_SMP_FACTOR: ' 1.25 ' }).smpFactor).toBe(
      1.25,
    );
    expect(loadDeviationPenaltyConfig({ DEVIATION_PENALTY_SMP_FACTOR: '0' }).smpFactor).toBe(0);
  });

  it.each(['-0.1', 'half', '50'])('refuses %s naming the variable', (raw) => {
    expect(() => loadDeviationPenaltyConfig({ DEVIATION_PENALTY_SMP_FACTOR: raw })).toThrow(
      ConfigError,
    );
    expect(() => loadDeviationPenaltyConfig({ DEVIATION_PENALTY_SMP_FACTOR: raw })).toThrow(
      /DEVIATION_PENALTY_SMP_FACTOR/,
    );
  });
});

describe('simulate --strategy, --penalty-factor, --portfolio', () => {
  it('defaults to the optimiser on the demo fixture with the configured factor', () => {
    const args = parseStrategyArgs({}, 'seed');
    expect(args.strategy).toBe('optimised');
    expect(args.penaltySmpFactor).toBeUndefined();
    expect(args.fixture.rootPortfolioId).toBe('kt-vpp');
  });

  it('refuses an unknown strategy, a bad factor and an unknown portfolio by the flag', () => {
    expect(() => parseStrategyArgs({ strategy: 'greedy' }, 's')).toThrow(/--strategy/);
    expect(() => parseStrategyArgs({ 'penalty-factor': '-1' }, 's')).toThrow(CliUsageError);
    expect(() => parseStrategyArgs({ 'penalty-factor': '-1' }, 's')).toThrow(/--penalty-factor/);
    expect(() => parseStrategyArgs({ portfolio: 'scale-0' }, 's')).toThrow(/--portfolio/);
    expect(() => parseStrategyArgs({ portfolio: 'big' }, 's')).toThrow(/--portfolio/);
  });
});

describe('scaleFixture', () => {
  it('has exactly the DERs asked for, of every kind, each in a micro-VPP of the tree', () => {
    const fixture = scaleFixture(1000, 'gridfolio');
    expect(fixture.ders).toHaveLength(1000);
    const kinds = new Set(fixture.ders.map((d) => d.parameters.kind));
    expect([...kinds].sort()).toEqual(['dr_load', 'ess', 'ev_charger', 'fuel_cell', 'pv']);
    const ids = new Set(fixture.portfolios.map((p) => p.portfolioId));
    expect(ids.size).toBe(fixture.portfolios.length);
    expect(new Set(fixture.ders.map((d) => d.derId)).size).toBe(1000);
    for (const der of fixture.ders) expect(ids).toContain(der.microPortfolioId);
    // Parents are listed before their children, as the loader needs.
    const seen = new Set<string>();
    for (const p of fixture.portfolios) {
      if (p.parentId !== undefined) expect(seen).toContain(p.parentId);
      seen.add(p.portfolioId);
    }
  });

  it('is the same for the same seed and differs for another', () => {
    expect(scaleFixture(50, 'a')).toEqual(scaleFixture(50, 'a'));
    expect(scaleFixture(50, 'a')).not.toEqual(scaleFixture(50, 'b'));
  });
});
