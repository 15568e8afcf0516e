import type { AllFilter, EventStore } from '../event-store/event-store.port.js';
import type { ProjectionRunner } from './projection-runner.js';

/**
 * Read-your-writes for a query on a read model: resolves once projection `name` has applied every
 * event matching `filter` that was appended before the call. Reads only what the projection has
 * not seen yet, so when it is up to date this costs one empty read.
 */
export const waitUntilCaughtUp = async (
  store: EventStore,
  runner: ProjectionRunner,
  name: string,
  filter?: AllFilter,
): Promise<void> => {
  const seen = runner.status().find((status) => status.name === name)?.position;
  let last: bigint | undefined;
  for await (const event of store.readAll({ after: seen ?? 'start', filter }))
    last = event.position;
  if (last !== undefined) await runner.waitFor(last, name);
};
