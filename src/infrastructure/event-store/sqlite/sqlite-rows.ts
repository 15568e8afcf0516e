import type { JsonObject, JsonValue } from '../../../../domain/shared/json.js';
import type { RecordedEvent } from '../event-store.port.js';

/** Column order of every event SELECT; rows are read raw (arrays) to skip per-row key lookups. */
export const EVENT_COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata';

export type EventRow = [
  position: bigint,
  streamId: string,
  revision: bigint,
  id: string,
  type: string,
  data: string,
  metadata: string,
];

export const toRecordedEvent = (row: EventRow): RecordedEvent => ({
  id: row[3],
  streamId: row[1],
  revision: row[2],
  position: row[0],
  type: row[4],
  data: JSON.parse(row[5]) as JsonValue,
  // Most events carry empty metadata: skip the parser for it.
  metadata: row[6] === '{}' ? {} : (JSON.parse(row[6]) as JsonObject),
});

export const toRecordedEvents = (rows: readonly EventRow[]): RecordedEvent[] => {
  const events = new Array<RecordedEvent>(rows.length);
  for (let i = 0; i < rows.length; i++) events[i] = toRecordedEvent(rows[i]!);
  return events;
};
