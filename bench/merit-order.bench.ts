/**
 * The merit-order price formation benchmark (issue 6): the 2024 mainland year hour by hour, each
 * hour cleared with `clearPayAsClear` (fleet + market solar + wind vs demand), compared with the
 * real SMP. Target: MAPE <= 20 % over the year. Also re-runs the calibration grid on Jan-Jun 2024
 * and says whether the shipped DEFAULT_CALIBRATION is still its optimum (Jul-Dec is then
 * out-of-sample). Run: `npm run bench:merit-order`; figures in bench/results/merit-order.json.
 */
import { join } from 'node:path';
import {
  DEFAULT_CALIBRATION,
  type MeritOrderCalibration,
} from '../domain/market/merit-order/calibration.js';
import {
  fitCalibration,
  simulateSmp,
  smpErrors,
  type PeriodError,
} from '../domain/market/merit-order/merit-order-backtest.js';
import { withMirrorMonthFallback } from '../domain/market/merit-order/renewable-fallback.js';
import { TradingDay } from '../domain/shared/time/trading-day.js';
import { DEFAULT_DATA_FOLDER } from '../src/forecasting/data-files/kpx-data-files.js';
import { readHourlyCsvFile } from '../src/forecasting/data-files/hourly-csv.reader.js';
import { formatTable, writeResults, type BenchResults } from './support/bench-report.js';
import { loadAverages, machineFacts } from './support/machine-facts.js';
import { timeOf } from './support/measure.js';

const TARGET_MAPE_PCT = 20;
const FIRST_DAY = TradingDay.parse('2024-01-01');
const LAST_DAY = TradingDay.parse('2024-12-31');
const H1_LAST_DAY = TradingDay.parse('2024-06-30');
const H1 = [1, 2, 3, 4, 5, 6];
const H2 = [7, 8, 9, 10, 11, 12];

const round = (value: number, digits = 2): number => Number(value.toFixed(digits));
const two = (month: number): string => String(month).padStart(2, '0');

const monthTable = (rows: readonly PeriodError[], total: PeriodError): string => {
  const header = '| month | hours | MAE KRW/kWh | MAPE % | mean sim | mean real |';
  const rule = '|------:|------:|------------:|-------:|---------:|----------:|';
  const line = (label: string, e: PeriodError): string =>
    `| ${label.padStart(5)} | ${String(e.hours).padStart(5)} | ${e.maeKrwPerKwh.toFixed(1).padStart(11)} | ${e.mapePct.toFixed(1).padStart(6)} | ${e.meanSimulatedKrwPerKwh.toFixed(1).padStart(8)} | ${e.meanRealKrwPerKwh.toFixed(1).padStart(9)} |`;
  return [header, rule, ...rows.map((e) => line(two(e.month), e)), line('year', total)].join('\n');
};

const sameCalibration = (a: MeritOrderCalibration, b: MeritOrderCalibration): boolean =>
  a.coalDerate === b.coalDerate &&
  a.coalSeasonalCurtailmentWeight === b.coalSeasonalCurtailmentWeight &&
  a.lngCostScale === b.lngCostScale &&
  a.heatCreditChpMw === b.heatCreditChpMw;

const main = async (): Promise<void> => {
  const machine = machineFacts();
  const loadBefore = loadAverages();
  console.log(
    `merit-order benchmark: ${machine.machineCpuModel}, ${machine.machineCores} cores, Node ${machine.nodeVersion}, load ${loadBefore.join(' ')}`,
  );
  const folder = DEFAULT_DATA_FOLDER;
  const smpFile = await readHourlyCsvFile(join(folder, 'smp-hourly-2020-2024.csv'), [
    'smp_mainland_krw_per_kwh',
  ]);
  const demandFile = await readHourlyCsvFile(join(folder, 'demand-mainland-hourly-2024.csv'), [
    'demand_mainland_mw',
  ]);
  const renewablesFile = await readHourlyCsvFile(
    join(folder, 'renewables-hourly-2024-jan-sep.csv'),
    ['solar_market_mw', 'wind_mainland_mw'],
  );
  const real = smpFile.series['smp_mainland_krw_per_kwh']!;
  const series = {
    demandMw: demandFile.series['demand_mainland_mw']!,
    // Oct-Dec have no renewable data: mirror-month hour profiles (renewable-fallback.ts).
    solarMw: withMirrorMonthFallback(renewablesFile.series['solar_market_mw']!, LAST_DAY),
    windMw: withMirrorMonthFallback(renewablesFile.series['wind_mainland_mw']!, LAST_DAY),
  };

  let simulated = simulateSmp(series, FIRST_DAY, LAST_DAY, DEFAULT_CALIBRATION);
  const timing = await timeOf(async () => {
    simulated = simulateSmp(series, FIRST_DAY, LAST_DAY, DEFAULT_CALIBRATION);
  });
  const year = smpErrors(simulated, real);
  const h1 = smpErrors(simulated, real, H1).total;
  const h2 = smpErrors(simulated, real, H2).total;
  const simulatedHours = year.total.hours;
  console.log(
    `\n2024, ${simulatedHours} hours cleared with clearPayAsClear in ${timing.seconds.toFixed(2)} s (DEFAULT_CALIBRATION)\n`,
  );
  console.log(monthTable(year.byMonth, year.total));

  const fit = fitCalibration(series, real, FIRST_DAY, H1_LAST_DAY, H1);
  const shippedIsOptimum = sameCalibration(fit.best, DEFAULT_CALIBRATION);
  console.log(
    `\ncalibration grid on Jan-Jun 2024 (${fit.evaluated} points): best H1 MAPE ${fit.bestMapePct.toFixed(2)} % at ${JSON.stringify(fit.best)}; shipped = optimum: ${shippedIsOptimum}`,
  );
  const marginalShares = Object.entries(simulated.marginalHours)
    .map(([kind, hours]) => `${kind} ${((100 * hours) / simulatedHours).toFixed(1)} %`)
    .join(', ');
  console.log(`price set by (simulated): ${marginalShares}; EPSIS 2024: LNG 95.6 %, coal 6.4 %\n`);
  console.log(
    formatTable([
      {
        label: 'MAPE vs real 2024 mainland SMP, year',
        value: round(year.total.mapePct),
        unit: '%',
        targetAtMost: TARGET_MAPE_PCT,
      },
      { label: 'MAPE Jan-Jun (calibration months)', value: round(h1.mapePct), unit: '%' },
      { label: 'MAPE Jul-Dec (out-of-sample)', value: round(h2.mapePct), unit: '%' },
      { label: 'MAE, year', value: round(year.total.maeKrwPerKwh), unit: 'KRW/kWh' },
      { label: 'year cleared hour by hour', value: round(timing.seconds, 3), unit: 's' },
    ]),
  );

  const perMonth: Record<string, number> = {};
  for (const e of year.byMonth) {
    const key = `month${two(e.month)}`;
    perMonth[`${key}MaeKrwPerKwh`] = round(e.maeKrwPerKwh);
    perMonth[`${key}MapePct`] = round(e.mapePct);
    perMonth[`${key}MeanSimulatedKrwPerKwh`] = round(e.meanSimulatedKrwPerKwh);
    perMonth[`${key}MeanRealKrwPerKwh`] = round(e.meanRealKrwPerKwh);
  }
  for (const [kind, hours] of Object.entries(simulated.marginalHours))
    perMonth[`marginalSharePct_${kind}`] = round((100 * hours) / simulatedHours);
  const results: BenchResults = {
    mapePct2024: round(year.total.mapePct),
    maeKrwPerKwh2024: round(year.total.maeKrwPerKwh),
    meanSimulatedKrwPerKwh2024: round(year.total.meanSimulatedKrwPerKwh),
    meanRealKrwPerKwh2024: round(year.total.meanRealKrwPerKwh),
    mapePctH1CalibrationMonths: round(h1.mapePct),
    mapePctH2OutOfSample: round(h2.mapePct),
    maeKrwPerKwhH2OutOfSample: round(h2.maeKrwPerKwh),
    hoursCompared: simulatedHours,
    zeroPriceHoursExcludedFromMape: year.total.zeroPriceHours,
    targetMapePct: TARGET_MAPE_PCT,
    targetMet: year.total.mapePct <= TARGET_MAPE_PCT,
    ...perMonth,
    calibrationCoalDerate: DEFAULT_CALIBRATION.coalDerate,
    calibrationCoalSeasonalCurtailmentWeight: DEFAULT_CALIBRATION.coalSeasonalCurtailmentWeight,
    calibrationLngCostScale: DEFAULT_CALIBRATION.lngCostScale,
    calibrationHeatCreditChpMw: DEFAULT_CALIBRATION.heatCreditChpMw,
    calibrationFittedOn: 'mainland SMP 2024-01-01..2024-06-30 (grid search, MAPE)',
    calibrationGridPoints: fit.evaluated,
    calibrationGridBestH1MapePct: round(fit.bestMapePct),
    calibrationShippedIsGridOptimum: shippedIsOptimum,
    yearClearingSeconds: round(timing.seconds, 3),
    yearClearingCpuSeconds: round(timing.cpuSeconds, 3),
    ...machine,
    loadBefore: loadBefore.join(' '),
    loadAfter: loadAverages().join(' '),
    date: new Date().toISOString(),
  };
  const path = writeResults('merit-order', results);
  console.log(`figures written to ${path}`);
};

await main();
