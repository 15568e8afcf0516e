import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatKpxTradingHour } from '../../../domain/shared/time/kpx-numbering.js';
import { TradingDay } from '../../../domain/shared/time/trading-day.js';
import type { CliIo } from '../../../src/cli/cli-command.js';
import { runCli } from '../../../src/cli/main.js';
import { runGridfolio } from '../../support/run-gridfolio.js';

// The real CLI (bin/gridfolio.js over dist/): build first with `npx tsc -p tsconfig.build.json`.
const directory = mkdtempSync(join(tmpdir(), 'gridfolio-backtest-cli-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const FIRST = TradingDay.parse('2024-01-01');
const DAYS = 70;

/** A synthetic SMP with a daily shape, a weekly cycle and a slow trend, in hour-ending stamps. */
const smpLines = (): string[] => {
  const lines = ['timestamp_kst,smp_mainland_krw_per_kwh,smp_jeju_krw_per_kwh'];
  for (let d = 0; d < DAYS; d++)
    for (let h = 1; h <= 24; h++) {
      const value =
        100 +
        d * 0.3 +
        20 * Math.sin((h / 24) * 2 * Math.PI) +
        (d % 7 === 5 ? -15 : 0) +
        ((d * 24 + h) % 5);
      lines.push(
        `${formatKpxTradingHour({ day: FIRST.plusDays(d), hourEnding: h })},${value.toFixed(2)},${value.toFixed(2)}`,
      );
    }
  return lines;
};

const file = (name: string, lines: readonly string[]): string => {
  const path = join(directory, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
};

const backtest = (args: readonly string[]) => runGridfolio(['forecast', 'backtest', ...args], {});

describe('gridfolio forecast backtest', () => {
  const lines = smpLines();
  // Two gaps: an empty cell and an absent row (day 50, hours 3 and 4).
  lines[1 + 50 * 24 + 2] = lines[1 + 50 * 24 + 2]!.replace(/,[^,]*,/, ',,');
  lines.splice(1 + 50 * 24 + 3, 1);
  const data = file('smp.csv', lines);

  it('prints one JSON object with --json, writes the same to --out, and shows progress on stderr', async () => {
    const out = join(directory, 'result.json');
    const run = await backtest([
      '--kind',
      'price',
      '--data',
      data,
      '--from',
      '2024-02-01',
      '--to',
      '2024-03-10',
      '--json',
      '--out',
      out,
    ]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      kind: 'price',
      from: '2024-02-01',
      to: '2024-03-10',
      hours: 39 * 24,
      market: 'mainland',
      model: { maeKrwPerKwh: expect.any(Number), pinballLoss: expect.any(Number) },
      baselines: {
        persistence: { maeKrwPerKwh: expect.any(Number), pinballLoss: null },
        climatology: { mapePct: expect.any(Number), pinballLoss: null },
      },
    });
    // 2024-02-20 (day 50) lacks hours 3 and 4; persistence lacks them the next day too.
    expect(report['missingActualHours']).toBe(2);
    expect(report['skippedHours']).toBeGreaterThanOrEqual(4);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(report);
    expect(run.stderr).toMatch(/^backtest price: 0\/39 days \(0%\)$/m);
    expect(run.stderr).toMatch(/^backtest price: 39\/39 days \(100%\)$/m);
  });

  it('prints a table of metrics by method with the gains; the whole file when no period is given', async () => {
    const run = await backtest(['--kind', 'price', '--market', 'jeju', '--data', data]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `price (SMP jeju) 2024-01-01..${FIRST.plusDays(DAYS - 1).toString()}`,
    );
    expect(run.stdout).toMatch(
      /\| metric +\| model \| persistence \| climatology \| gain vs persistence \| gain vs climatology \|/,
    );
    expect(run.stdout).toMatch(/\| pinball loss \(KRW\/kWh\) +\| +[\d.]+ \| +n\/a \| +n\/a \|/);
  });

  it('a bad file: exit 2, the message names the line, and no --out file is written', async () => {
    const bad = file(
      'bad.csv',
      lines.map((line, i) =>
        i === 30 ? line.replace('2024-01-02 06:00', '2024-01-02 00:00') : line,
      ),
    );
    const out = join(directory, 'not-written.json');
    const before = readdirSync(directory).length;
    const run = await backtest(['--kind', 'price', '--data', bad, '--json', '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`FORECAST.INVALID_DATA_FILE: ${bad}:31: column timestamp_kst:`);
    expect(run.stderr).toMatch(/24:00/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(directory)).toHaveLength(before);
  });

  it('a period outside the data: exit 2, naming the range of the file', async () => {
    const out = join(directory, 'outside.json');
    const run = await backtest([
      '--kind',
      'price',
      '--data',
      data,
      '--from',
      '2023-12-01',
      '--to',
      '2024-01-31',
      '--out',
      out,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--from 2023-12-01 is outside the data.*2024-01-01\.\.2024-03-10/);
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [[], /--kind is required/],
    [['--kind', 'wind'], /--kind expects pv or load or price, got "wind"/],
  ])('usage error %j: exit 2 with the usage', async (args, message) => {
    const run = await backtest(args as string[]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('usage: gridfolio forecast backtest');
  });
});

describe('gridfolio forecast backtest: option checks (in process)', () => {
  it.each([
    [['--kind', 'pv', '--market', 'jeju'], /--market applies to --kind price only/],
    [['--kind', 'price', '--capacity-mw', '10'], /--capacity-mw applies to --kind pv only/],
    [['--kind', 'pv', '--capacity-mw', '0'], /--capacity-mw expects a positive number, got "0"/],
    [['--kind', 'pv', '--capacity-mw', '1e3'], /--capacity-mw expects a positive number/],
    [['--kind', 'price', '--from', '2024-02-30'], /--from expects an existing date/],
    [['--kind', 'price', '--to', '2024-3-1'], /--to expects an existing date/],
    [
      ['--kind', 'price', '--from', '2024-03-02', '--to', '2024-03-01'],
      /--from 2024-03-02 is after --to 2024-03-01/,
    ],
    [['--kind', 'price', '--bogus'], /Unknown option '--bogus'/],
    [['--kind', 'price', 'extra'], /unexpected argument "extra"/],
  ])('%j: exit 2 with the usage, nothing on stdout', async (args, message) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env: {} };
    const code = await runCli(['forecast', 'backtest', ...(args as string[])], io);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('\n')).toMatch(message);
    expect(err.join('\n')).toContain('usage: gridfolio forecast backtest');
  });
});
