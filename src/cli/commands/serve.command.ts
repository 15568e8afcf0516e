import { startApi } from '../../main.js';
import type { CliCommand } from '../cli-command.js';
import { EXIT } from '../cli-command.js';
import { parseCliArgs } from '../cli-args.js';

export const serveCommand: CliCommand = {
  path: ['serve'],
  summary: 'run the HTTP API (health, streams) on the configured event store',
  usage: `usage: gridfolio serve

Runs until SIGINT or SIGTERM, then anchors what is not yet anchored and closes the store.
HTTP_HOST and HTTP_PORT choose the address (default 127.0.0.1:3000).`,
  async run(args) {
    parseCliArgs(args, {});
    await startApi();
    return EXIT.ok;
  },
};
