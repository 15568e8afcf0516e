import { kpxSimConfigFrom } from './config.js';
import { createKpxSimHttpServer } from './http-server.js';
import { openKpxSim } from './open-kpx-sim.js';

/**
 * `npm run kpx-sim`: the simulated KPX as its own process (configuration in config.ts). Stopping
 * it (SIGINT/SIGTERM) closes the server and the database; a kill -9 loses nothing committed, since
 * every operation is one SQLite transaction.
 */
const main = (): void => {
  const config = kpxSimConfigFrom(process.env);
  const sim = openKpxSim({
    dbPath: config.dbPath,
    dataPath: config.dataPath,
    seed: config.seed,
    priceMode: config.priceMode,
    ...(config.startAt === undefined ? {} : { startAt: config.startAt }),
  });
  const server = createKpxSimHttpServer(sim.exchange, { formation: sim.formation });
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : config.port;
    console.log(
      `kpx-sim listening on http://${config.host}:${port} (db ${config.dbPath}, seed ${config.seed}, ${sim.formation} prices)`,
    );
  });
  const stop = (): void => {
    server.close(() => sim.close());
    server.closeAllConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};

try {
  main();
} catch (error) {
  console.error(`kpx-sim: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
