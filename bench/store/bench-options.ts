import { availableParallelism } from 'node:os';

/** What one run of the store benchmark does; flags win over environment variables. */
export interface StoreBenchOptions {
  /** `--quick`: small counts, for a smoke run; its figures go to `store-quick.json`. */
  readonly quick: boolean;
  /** `--appends`: the append measures only (a minute or two); figures go to `store-appends.json`. */
  readonly appendsOnly: boolean;
  /** Events in the big store that replay, verification and rebuild go through. */
  readonly storeEvents: number;
  /** Measured runs of each measurement (after a warm-up); the median is reported. */
  readonly runs: number;
  /** Events appended per run, by batch size. */
  readonly appendEvents: Readonly<Record<1 | 10 | 100, number>>;
  /** Events per run in the EventStoreDB comparison, by batch size. */
  readonly esdbEvents: Readonly<Record<1 | 100, number>>;
  readonly verifyWorkers: number;
}

export const STORE_BENCH_USAGE = `npm run bench:store -- [--quick] [--appends] [--events=N] [--runs=N] [--workers=N]
  env: BENCH_QUICK=1, BENCH_STORE_EVENTS=N, BENCH_RUNS=N, BENCH_VERIFY_WORKERS=N`;

const positiveInteger = (name: string, raw: string | undefined): number | undefined => {
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name}: expected a positive integer, got ${JSON.stringify(raw)}`);
  }
  return value;
};

export const parseStoreBenchOptions = (
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): StoreBenchOptions => {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (match === null) throw new Error(`unknown argument ${arg}\n${STORE_BENCH_USAGE}`);
    flags.set(match[1]!, match[2] ?? 'true');
  }
  for (const name of flags.keys()) {
    if (!['quick', 'appends', 'events', 'runs', 'workers', 'help'].includes(name)) {
      throw new Error(`unknown flag --${name}\n${STORE_BENCH_USAGE}`);
    }
  }
  const quick = flags.has('quick') || env['BENCH_QUICK'] === '1';
  return {
    quick,
    appendsOnly: flags.has('appends'),
    storeEvents:
      positiveInteger('--events', flags.get('events') ?? env['BENCH_STORE_EVENTS']) ??
      (quick ? 100_000 : 1_000_000),
    runs: positiveInteger('--runs', flags.get('runs') ?? env['BENCH_RUNS']) ?? (quick ? 3 : 5),
    appendEvents: quick
      ? { 1: 5_000, 10: 20_000, 100: 50_000 }
      : { 1: 20_000, 10: 100_000, 100: 200_000 },
    esdbEvents: quick ? { 1: 1_000, 100: 10_000 } : { 1: 5_000, 100: 50_000 },
    verifyWorkers:
      positiveInteger('--workers', flags.get('workers') ?? env['BENCH_VERIFY_WORKERS']) ??
      availableParallelism(),
  };
};
