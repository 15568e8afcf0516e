import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGridfolio } from '../support/run-gridfolio.js';

// `gridfolio optimize` through the real CLI (bin/gridfolio.js over dist/), on the shared
// battery-arbitrage vectors. Their conventions mapped to the case format:
// - energy-py-linear: losses (1 - efficiency) on charge only -> chargeEfficiency = efficiency,
//   dischargeEfficiency = 1; MW / MWh / price per MWh read as kW / kWh / KRW per kWh (the same
//   numbers, the objective scales with them); final charge a floor on the final SoC (the optimum
//   ends there); dispatch = charge - discharge; objective_cost = -(our objective).
// - EMHASS: W / Wh -> kW / kWh, 30-minute steps, load_cost = import price, prod_price = export
//   price, SoC as a fraction of nominal energy at the end of each step; profit = our objective.
interface Vector {
  readonly id: string;
  readonly inputs: Record<string, unknown>;
  readonly expected: Record<string, unknown>;
}
const vectors = (
  JSON.parse(readFileSync('../shared/vectors/battery_arbitrage.json', 'utf8')) as {
    cases: Vector[];
  }
).cases;

interface CliResult {
  readonly status: string;
  readonly objectiveKrw?: number;
  readonly boundKrw?: number;
  readonly gapPct?: number;
  readonly intervals: readonly {
    readonly assets: Readonly<
      Record<string, { chargeKw?: number; dischargeKw?: number; socKwh?: number }>
    >;
  }[];
  readonly diagnosis?: { readonly outcome: string; readonly summary: string };
  readonly error?: { readonly code: string; readonly field?: string; readonly message: string };
}

const eplCase = (inputs: Record<string, number | number[]>) => ({
  intervalMinutes: inputs.freq_mins,
  importPricesKrwPerKwh: inputs.electricity_prices,
  exportPricesKrwPerKwh: inputs.electricity_prices,
  assets: [
    {
      id: 'battery',
      kind: 'ess',
      chargeKw: inputs.power_mw,
      dischargeKw: inputs.power_mw,
      energyKwh: inputs.capacity_mwh,
      chargeEfficiency: inputs.efficiency_pct,
      dischargeEfficiency: 1,
      initialSocKwh: inputs.initial_charge_mwh,
      minSocKwh: 0,
      maxSocKwh: inputs.capacity_mwh,
      finalSocKwh: inputs.final_charge_mwh,
    },
  ],
});

const emhassCase = (inputs: {
  dt_h: number;
  prod_price_eur_per_kWh: number[];
  load_cost_eur_per_kWh: number[];
  battery: Record<string, number>;
  soc_init: number;
  soc_final: number;
}) => {
  const nominalKwh = inputs.battery.nominal_energy_Wh! / 1000;
  return {
    nominalKwh,
    portfolioCase: {
      intervalMinutes: inputs.dt_h * 60,
      importPricesKrwPerKwh: inputs.load_cost_eur_per_kWh,
      exportPricesKrwPerKwh: inputs.prod_price_eur_per_kWh,
      assets: [
        {
          id: 'battery',
          kind: 'ess',
          chargeKw: inputs.battery.charge_power_max_W! / 1000,
          dischargeKw: inputs.battery.discharge_power_max_W! / 1000,
          energyKwh: nominalKwh,
          chargeEfficiency: inputs.battery.charge_eff,
          dischargeEfficiency: inputs.battery.discharge_eff,
          initialSocKwh: inputs.soc_init * nominalKwh,
          minSocKwh: inputs.battery.soc_min! * nominalKwh,
          maxSocKwh: inputs.battery.soc_max! * nominalKwh,
          finalSocKwh: inputs.soc_final * nominalKwh,
        },
      ],
    },
  };
};

describe('gridfolio optimize', () => {
  let dir: string;
  const write = (name: string, value: unknown): string => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(value));
    return file;
  };
  const optimize = async (file: string, extra: readonly string[] = []) => {
    const run = await runGridfolio(['optimize', '--file', file, ...extra], {});
    return { code: run.code, json: JSON.parse(run.stdout) as CliResult, stderr: run.stderr };
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gridfolio-optimize-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(vectors.filter((v) => v.id.startsWith('epl_')).map((v) => [v.id, v] as const))(
    'solves %s (energy-py-linear) to the expected dispatch and cost',
    async (id, vector) => {
      const inputs = vector.inputs as Record<string, number | number[]>;
      const { code, json } = await optimize(write(`${id}.json`, eplCase(inputs)));
      expect(code).toBe(0);
      expect(json.status).toBe('optimal');
      const dispatch = json.intervals.map(
        (i) => i.assets.battery!.chargeKw! - i.assets.battery!.dischargeKw!,
      );
      expect(dispatch).toHaveLength((vector.expected.dispatch_mwh as number[]).length);
      (vector.expected.dispatch_mwh as number[]).forEach((expected, t) =>
        expect(dispatch[t]).toBeCloseTo(expected, 6),
      );
      expect(-json.objectiveKrw!).toBeCloseTo(vector.expected.objective_cost as number, 6);
      expect(json.boundKrw).toBeGreaterThanOrEqual(json.objectiveKrw!);
    },
  );

  it('solves emhass_deficit_no_cost (30-minute intervals, separate prices) on glpk and highs', async () => {
    const vector = vectors.find((v) => v.id === 'emhass_deficit_no_cost')!;
    const { nominalKwh, portfolioCase } = emhassCase(
      vector.inputs as Parameters<typeof emhassCase>[0],
    );
    const file = write('emhass.json', portfolioCase);
    for (const solver of ['glpk', 'highs']) {
      const { code, json } = await optimize(file, ['--solver', solver]);
      expect(code).toBe(0);
      expect(json.status).toBe('optimal');
      const soc = json.intervals.map((i) => i.assets.battery!.socKwh! / nominalKwh);
      (vector.expected.SOC_opt as number[]).forEach((expected, t) =>
        expect(soc[t]).toBeCloseTo(expected, 6),
      );
      expect(json.objectiveKrw).toBeCloseTo(vector.expected.profit_eur as number, 9);
    }
  });

  it('answers an invalid case with exit code 2 and an error naming the field', async () => {
    const inputs = vectors.find((v) => v.id.startsWith('epl_'))!.inputs as Record<
      string,
      number | number[]
    >;
    const bad = eplCase(inputs);
    const file = write('bad.json', {
      ...bad,
      assets: [{ ...bad.assets[0], chargeEfficiency: 1.5 }],
    });
    const { code, json } = await optimize(file);
    expect(code).toBe(2);
    expect(json.error).toEqual({
      code: 'OPTIMISATION.INVALID_CASE',
      field: 'assets[0].chargeEfficiency',
      message: expect.stringContaining('chargeEfficiency'),
    });
  });

  it('answers an infeasible case with exit code 3 and the diagnosis', async () => {
    // A fixed 500 kW load behind a 100 kW import limit: nothing can cover the rest.
    const file = write('infeasible.json', {
      intervalMinutes: 60,
      importPricesKrwPerKwh: [100, 120, 90],
      exportPricesKrwPerKwh: [100, 120, 90],
      gridImportLimitKw: 100,
      assets: [{ id: 'plant', kind: 'load', forecastKw: [50, 500, 50] }],
    });
    const { code, json } = await optimize(file);
    expect(code).toBe(3);
    expect(json.status).toBe('infeasible');
    expect(json.diagnosis?.outcome).toBe('found');
    expect(json.diagnosis?.summary).toMatch(/net_position|meter/);
  });

  it('rejects an unknown solver as a usage error', async () => {
    const run = await runGridfolio(['optimize', '--file', 'x.json', '--solver', 'cplex'], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--solver');
  });
});
