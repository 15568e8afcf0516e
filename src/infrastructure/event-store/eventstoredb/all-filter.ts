import {
  eventTypeFilter,
  excludeSystemEvents,
  streamNameFilter,
  type Filter,
} from '@eventstore/db-client';
import type { AllFilter, RecordedEvent } from '../event-store.port.js';

/**
 * Our filter, applied to every event the adapter yields from `$all`. Client 6.2.1 sends no
 * filter with `readAll`, and a server-side filter covers one dimension only (stream name or
 * event type), so this check is the one that decides; the server-side filter only saves traffic.
 */
export const matchesFilter =
  (filter: AllFilter | undefined) =>
  (event: RecordedEvent): boolean =>
    (filter?.streamPrefixes === undefined ||
      filter.streamPrefixes.some((prefix) => event.streamId.startsWith(prefix))) &&
    (filter?.eventTypes === undefined || filter.eventTypes.includes(event.type));

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The narrowest filter the server can apply for `subscribeToAll`: prefixes first, else types. */
export const serverFilterOf = (filter: AllFilter | undefined): Filter => {
  const prefixes = filter?.streamPrefixes ?? [];
  if (prefixes.length > 0) return streamNameFilter({ prefixes: [...prefixes] });
  const types = filter?.eventTypes ?? [];
  if (types.length > 0) {
    return eventTypeFilter({ regex: `^(?:${types.map(escapeRegex).join('|')})$` });
  }
  return excludeSystemEvents();
};
