import {
  jsonEvent,
  type EventData,
  type JSONType,
  type Position,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import type { JsonObject, JsonValue } from '../../../../domain/shared/json.js';
import type { EventToAppend, RecordedEvent } from '../event-store.port.js';

/**
 * Positions. EventStoreDB gives each event in `$all` a (commit, prepare) pair of byte offsets in
 * its transaction log. Every event written through gRPC (EventStoreDB 20+) is its own committed
 * record, so commit = prepare = that event's log position: unique per event, increasing with
 * every append, with gaps. Our `position` is that commit position, unchanged; going back, a
 * bigint becomes { commit: p, prepare: p }. (Events from the legacy TCP API's explicit
 * transactions share one commit position; our adapter never writes those.)
 *
 * Stream reads carry the same pair since server 22.6; older servers send commit = 2^64 - 1
 * ("none") with prepare = the event's log position, which is then the position we use.
 */
const NO_COMMIT_POSITION = 2n ** 64n - 1n;

export const fromEsdbPosition = ({ commit, prepare }: Position): bigint =>
  commit === NO_COMMIT_POSITION ? prepare : commit;

export const toEsdbPosition = (position: bigint): Position => ({
  commit: position,
  prepare: position,
});

/** Written by the server itself (`$stats-...`, `$settings`, `$>` links, `$metadata`): never ours. */
export const isSystemEvent = (event: { readonly streamId: string; readonly type: string }) =>
  event.streamId.startsWith('$') || event.type.startsWith('$');

/** An event the adapter cannot read back as its own: binary, or without a JSON object metadata. */
export class UnreadableEventError extends Error {
  override readonly name = 'UnreadableEventError';
  readonly code = 'EVENT_STORE.UNREADABLE_EVENT';

  constructor(
    readonly streamId: string,
    readonly revision: bigint,
    reason: string,
  ) {
    super(`stream ${streamId} revision ${revision}: ${reason}`);
  }
}

export const toEventData = (event: EventToAppend): EventData =>
  jsonEvent({
    id: event.id,
    type: event.type,
    // The client declares JSON data as object | array | string, but only JSON.stringifies it,
    // so the numbers, booleans and null that our JsonValue also allows go through unchanged.
    data: event.data as JSONType,
    metadata: event.metadata,
  });

const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  !(value instanceof Uint8Array);

export const toRecordedEvent = (event: EsdbRecordedEvent): RecordedEvent => {
  const unreadable = (reason: string) =>
    new UnreadableEventError(event.streamId, event.revision, reason);
  if (!event.isJson) throw unreadable('data is not JSON');
  if (event.position === undefined) throw unreadable('the server sent no position');
  // The client leaves empty metadata undefined; we always write an object, `{}` at least.
  const metadata: unknown = event.metadata ?? {};
  if (!isJsonObject(metadata)) throw unreadable('metadata is not a JSON object');
  return {
    id: event.id,
    streamId: event.streamId,
    revision: event.revision,
    position: fromEsdbPosition(event.position),
    type: event.type,
    // Parsed by the client with JSON.parse from what we wrote with JSON.stringify.
    data: event.data as JsonValue,
    metadata,
  };
};
