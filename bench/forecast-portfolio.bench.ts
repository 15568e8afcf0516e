/**
 * The portfolio forecast benchmark (issue 4): a wholesale VPP of 100,000 DERs in 1,000 micro-VPPs
 * (40,000 PV plants spread over the mainland), forecast for one trading day on a 15-minute grid
 * through the issuing service: tree read model, clearness outlook, PV per micro-VPP, site meter
 * history, inputs digest, and the append of the ForecastIssued event. The fleet is built first
 * and directly (not timed). Run: `npm run bench:forecast-portfolio [-- --quick]`; figures in
 * bench/results/forecast-portfolio.json.
 */
import { QueryBus } from '@nestjs/cqrs';
import { CommandBus } from '@nestjs/cqrs';
import { ID_GENERATOR, type IdGenerator } from '../domain/shared/id-generator.port.js';
import { ForecastIssuingService } from '../src/forecasting/issue/forecast-issuing.service.js';
import {
  GetDerForecastQuery,
  GetForecastQuery,
} from '../src/forecasting/issue/get-forecast.query.js';
import {
  EVENT_STORE,
  type EventStore,
} from '../src/infrastructure/event-store/event-store.port.js';
import {
  BENCH_START,
  CAPABILITY_DAY,
  openBenchApp,
  settleProjections,
} from './assets/bench-app.js';
import { WHOLESALE_ID, derIdOf } from './assets/bench-fleet.js';
import { buildFleet } from './forecast-portfolio/direct-fleet.js';
import { forecastResults, forecastTable, passed } from './forecast-portfolio/forecast-results.js';
import { writeResults } from './support/bench-report.js';
import { loadAverages, machineFacts } from './support/machine-facts.js';
import { collectGarbage, timeOf } from './support/measure.js';

const USAGE = `usage: npm run bench:forecast-portfolio [-- --quick]

--quick  100 micro-VPPs of 100 DERs (10,000 DERs) instead of 1,000 (100,000): a smoke run`;

const main = async (): Promise<void> => {
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) {
    console.log(USAGE);
    return;
  }
  const quick = argv.includes('--quick');
  const shape = { micros: quick ? 100 : 1_000, dersPerMicro: 100 };
  const intervalMinutes = 15;
  const startedAt = new Date();
  const machine = machineFacts();
  const loadBefore = loadAverages();
  const log = (line: string): void => console.log(line);
  log(
    `forecast-portfolio benchmark (${quick ? 'quick' : 'full'}): ${machine.machineCpuModel}, ` +
      `${machine.machineCores} cores, Node ${machine.nodeVersion}, load ${loadBefore.join(' ')}`,
  );
  const bench = await openBenchApp();
  try {
    const { app } = bench;
    const setup = await timeOf(async () => {
      const built = await buildFleet(
        app.get(CommandBus),
        app.get<EventStore>(EVENT_STORE),
        app.get<IdGenerator>(ID_GENERATOR),
        shape,
        CAPABILITY_DAY,
        BENCH_START,
        8,
      );
      log(`built ${built.portfolios} portfolios and ${built.ders.toLocaleString('en-US')} DERs`);
      await settleProjections(app);
    });
    log(`fleet ready in ${setup.seconds.toFixed(1)} s; forecasting ${CAPABILITY_DAY}`);
    collectGarbage();

    const service = app.get(ForecastIssuingService);
    const meta = { actor: 'job:forecast-portfolio-bench' };
    const request = { portfolioId: WHOLESALE_ID, tradingDay: CAPABILITY_DAY, intervalMinutes };
    let issued: Awaited<ReturnType<ForecastIssuingService['issue']>> | undefined;
    const issue = await timeOf(async () => {
      issued = await service.issue(request, meta);
    });
    if (issued === undefined || issued.outcome.events.length !== 1)
      throw new Error('the timed issue appended no forecast');
    const forecast = issued.forecast;
    log(`issued version ${forecast.version} in ${issue.seconds.toFixed(2)} s`);
    collectGarbage();
    const reissue = await timeOf(async () => {
      const again = await service.issue(request, meta);
      if (again.outcome.events.length !== 0) throw new Error('the same inputs appended again');
    });
    const queries = app.get(QueryBus);
    const show = await timeOf(async () => {
      await queries.execute(new GetForecastQuery(WHOLESALE_ID, CAPABILITY_DAY));
    });
    const der = await timeOf(async () => {
      await queries.execute(new GetDerForecastQuery(WHOLESALE_ID, CAPABILITY_DAY, derIdOf(7, 3)));
    });
    const pvP50 = forecast.series
      .filter((s) => s.assetKind === 'pv')
      .reduce((sum, s) => sum + (s.values[1] ?? []).reduce((a, b) => a + b, 0), 0);
    const pvParameters = forecast.model.parameters['pv'] as { outlookSource?: string };
    const run = {
      quick,
      derCount: shape.micros * shape.dersPerMicro,
      pvDerCount: shape.micros * 40,
      microVppCount: shape.micros,
      intervalMinutes,
      setupSeconds: setup.seconds,
      issueSeconds: issue.seconds,
      issueCpuSeconds: issue.cpuSeconds,
      reissueSeconds: reissue.seconds,
      showSeconds: show.seconds,
      derQuerySeconds: der.seconds,
      seriesCount: forecast.series.length,
      omittedCount: forecast.omitted.length,
      eventDataMiB: Buffer.byteLength(JSON.stringify(forecast)) / 2 ** 20,
      pvDayKwhP50: pvP50,
      outlookSource: pvParameters.outlookSource ?? 'unknown',
      command: `npm run bench:forecast-portfolio${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`,
      startedAt,
      machine,
      loadBefore,
      loadAfter: loadAverages(),
    };
    log(`\n${forecastTable(run)}\n`);
    const path = writeResults(
      quick ? 'forecast-portfolio-quick' : 'forecast-portfolio',
      forecastResults(run),
    );
    log(`${passed(run) ? 'PASS' : 'MISS'}: figures written to ${path}`);
  } finally {
    await bench.close();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
