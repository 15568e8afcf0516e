import type { AppConfig } from '../../config/app-config.js';
import { SystemClock } from '../../infrastructure/clock/system-clock.js';
import { openEventStore } from '../../infrastructure/event-store/open-event-store.js';
import { RandomIdGenerator } from '../../infrastructure/ids/random-id-generator.js';
import { parseCliArgs, toJson } from '../cli-args.js';
import { EXIT, type CliCommand, type CliIo } from '../cli-command.js';

export const auditAnchorCommand: CliCommand = {
  path: ['audit', 'anchor'],
  summary: 'record the head of every stream written since the last anchor, now',
  usage: `usage: gridfolio audit anchor [--json]

Appends StreamHeadsAnchored events to the audit-anchors stream for everything not yet anchored
(nothing when all is anchored), so that deleting the tail of a stream afterwards is detected.`,
  async run(args: readonly string[], io: CliIo, config: AppConfig): Promise<number> {
    const { values } = parseCliArgs(args, { json: { type: 'boolean' } });
    const stack = openEventStore(config, {
      clock: new SystemClock(),
      ids: new RandomIdGenerator(),
    });
    try {
      const anchors = await stack.anchorer.anchorNow();
      if (values.json === true) {
        io.out(toJson(anchors));
      } else if (anchors.length === 0) {
        io.out('audit anchor: nothing new to anchor');
      } else {
        const heads = anchors.reduce((sum, anchor) => sum + anchor.heads.length, 0);
        const through = anchors.at(-1)?.throughPosition;
        io.out(
          `audit anchor: ${anchors.length} anchor(s), ${heads} stream heads, through position ${through}`,
        );
      }
      return EXIT.ok;
    } finally {
      await stack.close();
    }
  },
};
