/**
 * The asset benchmark (issue 3): register 100,000 DERs in 1,000 micro-VPPs through the command
 * handlers, ingest meter readings through the metering ingest service, and rebuild the wholesale
 * VPP's capability read model from the log, all on one SQLite file in the running application.
 * Run: `npm run bench:assets` (see ASSET_BENCH_USAGE); figures in bench/results/assets.json.
 */
import { CommandBus } from '@nestjs/cqrs';
import { ASSET_BENCH_USAGE, parseAssetBenchOptions } from './assets/asset-bench-options.js';
import { assetResults, assetTable } from './assets/asset-results.js';
import { CAPABILITY_DAY, METER_DAY, openBenchApp, settleProjections } from './assets/bench-app.js';
import { measureCapabilityRebuild } from './assets/capability-rebuild-measure.js';
import { addFleetExtras } from './assets/fleet-extras.js';
import { measureIngest } from './assets/meter-ingest-measure.js';
import { registerFleet } from './assets/register-fleet.js';
import { writeResults } from './support/bench-report.js';
import { loadAverages, machineFacts } from './support/machine-facts.js';
import { collectGarbage } from './support/measure.js';

const main = async (): Promise<void> => {
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) {
    console.log(ASSET_BENCH_USAGE);
    return;
  }
  const options = parseAssetBenchOptions(argv, process.env);
  const machine = machineFacts();
  const loadBefore = loadAverages();
  const startedAt = new Date();
  const log = (line: string): void => console.log(line);
  log(
    `asset benchmark (${options.quick ? 'quick' : 'full'}): ${machine.machineCpuModel}, ` +
      `${machine.machineCores} cores, Node ${machine.nodeVersion}, load ${loadBefore.join(' ')}`,
  );
  const bench = await openBenchApp();
  try {
    const commands = bench.app.get(CommandBus);
    log(
      `registering ${options.shape.micros * options.shape.dersPerMicro} DERs, ${options.concurrency} commands in flight`,
    );
    const register = await registerFleet(commands, options.shape, options.concurrency, log);
    log(`registered in ${register.seconds.toFixed(1)} s (${register.events} events)`);
    const extras = await addFleetExtras(commands, options.shape, options.concurrency);
    log(`deratings and EV sessions in ${extras.seconds.toFixed(1)} s`);
    const catchUpSeconds = await settleProjections(bench.app);
    log(`read models caught up with the log ${catchUpSeconds.toFixed(1)} s later`);
    collectGarbage();
    const ingest = { meters: options.meterCount, batchRows: options.batchRows, day: METER_DAY };
    const ingestByMeter = await measureIngest(bench.app, options.shape, {
      ...ingest,
      order: 'by_meter',
      firstMeter: 0,
    });
    log(
      `meter ingest by meter: ${ingestByMeter.readings} readings in ${ingestByMeter.seconds.toFixed(2)} s`,
    );
    await settleProjections(bench.app);
    collectGarbage();
    const ingestByInterval = await measureIngest(bench.app, options.shape, {
      ...ingest,
      order: 'by_interval',
      firstMeter: options.meterCount,
    });
    log(
      `meter ingest by interval: ${ingestByInterval.readings} readings in ${ingestByInterval.seconds.toFixed(2)} s`,
    );
    const rebuild = await measureCapabilityRebuild(bench.app, CAPABILITY_DAY);
    log(`capability rebuilt in ${rebuild.seconds.toFixed(2)} s`);
    const loadAfter = loadAverages();
    const seconds = (Date.now() - startedAt.getTime()) / 1000;
    const run = {
      options,
      register,
      catchUpSeconds,
      extras,
      ingestByMeter,
      ingestByInterval,
      rebuild,
      machine,
      loadBefore,
      loadAfter,
      startedAt,
      seconds,
      storeFileMiB: bench.fileMiB(),
      command: `npm run bench:assets${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`,
    };
    log(`\n${assetTable(run)}\n`);
    const path = writeResults(options.quick ? 'assets-quick' : 'assets', assetResults(run));
    log(`load average after: ${loadAfter.join(' ')}; ${Math.round(seconds)} s in all`);
    log(`figures written to ${path}`);
  } finally {
    await bench.close();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
