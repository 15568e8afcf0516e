import type { AppConfig } from '../../config/app-config.js';
import { openEventStoreAdapter } from '../../infrastructure/event-store/open-event-store.js';
import { ProjectionRunner } from '../../infrastructure/projections/projection-runner.js';
import { openReadModelDatabase } from '../../infrastructure/projections/sqlite/read-model-database.js';
import { SqliteCheckpointStore } from '../../infrastructure/projections/sqlite/sqlite-checkpoint-store.js';
import {
  STREAM_CATALOGUE,
  StreamCatalogueProjection,
} from '../../infrastructure/projections/stream-catalogue/stream-catalogue.projection.js';
import { CliUsageError, parseCliArgs } from '../cli-args.js';
import { EXIT, type CliCommand, type CliIo } from '../cli-command.js';

const KNOWN = [STREAM_CATALOGUE];

export const projectionsRebuildCommand: CliCommand = {
  path: ['projections', 'rebuild'],
  summary: 'drop read models and rebuild them from the whole event log',
  usage: `usage: gridfolio projections rebuild [name...]

Rebuilds the named read models (default: all) from position 0 of the event log.
Known read models: ${KNOWN.join(', ')}. Stop the API first: it feeds the same read models.`,
  async run(args: readonly string[], io: CliIo, config: AppConfig): Promise<number> {
    const { positionals } = parseCliArgs(args, {});
    const unknown = positionals.filter((name) => !KNOWN.includes(name));
    if (unknown.length > 0) {
      throw new CliUsageError(
        `unknown read model(s) ${unknown.join(', ')}; known: ${KNOWN.join(', ')}`,
      );
    }
    const store = openEventStoreAdapter(config);
    const db = openReadModelDatabase(config.readModelPath);
    try {
      const runner = new ProjectionRunner({ store }).add(
        new StreamCatalogueProjection(db),
        new SqliteCheckpointStore(db),
      );
      for (const name of positionals.length > 0 ? positionals : KNOWN) {
        const started = process.hrtime.bigint();
        await runner.rebuild(name);
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const position = runner.status().find((s) => s.name === name)?.position;
        io.out(`rebuilt ${name} through position ${position ?? 'none'} in ${seconds.toFixed(2)} s`);
      }
      return EXIT.ok;
    } finally {
      db.close();
      await store.close();
    }
  },
};
