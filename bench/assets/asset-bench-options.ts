import type { FleetShape } from './bench-fleet.js';

/** What one run of the asset benchmark does; flags win over environment variables. */
export interface AssetBenchOptions {
  /** `--quick`: a tenth of the fleet, for a smoke run; figures go to `assets-quick.json`. */
  readonly quick: boolean;
  readonly shape: FleetShape;
  /** Commands in flight at once over the bus (each DER's own commands stay in order). */
  readonly concurrency: number;
  readonly meterCount: number;
  readonly batchRows: number;
}

export const ASSET_BENCH_USAGE = `npm run bench:assets [-- --quick] [-- --concurrency=N]
  env: BENCH_QUICK=1, BENCH_CONCURRENCY=N`;

const positiveInteger = (name: string, raw: string | undefined): number | undefined => {
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name}: expected a positive integer, got ${JSON.stringify(raw)}`);
  return value;
};

export const parseAssetBenchOptions = (
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): AssetBenchOptions => {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (match === null || !['quick', 'concurrency', 'help'].includes(match[1]!))
      throw new Error(`unknown argument ${arg}\n${ASSET_BENCH_USAGE}`);
    flags.set(match[1]!, match[2] ?? 'true');
  }
  const quick = flags.has('quick') || env['BENCH_QUICK'] === '1';
  return {
    quick,
    shape: { micros: quick ? 100 : 1_000, dersPerMicro: 100 },
    concurrency:
      positiveInteger('--concurrency', flags.get('concurrency') ?? env['BENCH_CONCURRENCY']) ?? 8,
    meterCount: quick ? 100 : 1_000,
    batchRows: 1_000,
  };
};
