import type { ServerWritableStream } from '@grpc/grpc-js';
import {
  Empty,
  ReadResp,
  StreamIdentifier,
  UUID,
  type ProposedMessage,
  type ReadOptionsMessage,
  type StreamIdentifierMessage,
  type ReadReqMessage,
  type ReadRespMessage,
} from './generated.js';
import type { ProposedEvent, StoredEvent } from './in-memory-log.js';

export type ReadCall = ServerWritableStream<ReadReqMessage, ReadRespMessage>;

export const streamNameOf = (
  identifier: StreamIdentifierMessage | undefined,
): string | undefined =>
  identifier === undefined
    ? undefined
    : Buffer.from(identifier.getStreamName_asU8()).toString('utf8');

export const streamIdentifier = (streamName: string): StreamIdentifierMessage =>
  new StreamIdentifier().setStreamName(Buffer.from(streamName, 'utf8'));

/** Undefined for a message this server cannot store (no id, or an id not sent as a string). */
export const proposedOf = (message: ProposedMessage | undefined): ProposedEvent | undefined => {
  const id = message?.getId();
  if (message === undefined || id === undefined || !id.hasString()) return undefined;
  const metadata = message.getMetadataMap();
  return {
    id: id.getString(),
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
};

/**
 * A `$all` read carries the event's commit position on the envelope; a stream read does not
 * (`no_position`), but the record itself always carries commit and prepare positions. Both are
 * the event's own log position, as for every event EventStoreDB 20+ writes through gRPC.
 */
export const eventMessage = (event: StoredEvent, fromAll: boolean): ReadRespMessage => {
  const position = event.position.toString();
  const record = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new UUID().setString(event.id))
    .setStreamIdentifier(streamIdentifier(event.streamName))
    .setStreamRevision(event.revision.toString())
    .setCommitPosition(position)
    .setPreparePosition(position)
    .setData(event.data)
    .setCustomMetadata(event.customMetadata);
  record
    .getMetadataMap()
    .set('type', event.type)
    .set('content-type', event.contentType)
    .set('created', event.createdTicks);
  const envelope = new ReadResp.ReadEvent().setEvent(record);
  if (fromAll) envelope.setCommitPosition(position);
  else envelope.setNoPosition(new Empty());
  return new ReadResp().setEvent(envelope);
};

/** The server-side `$all` filter: prefixes or a regular expression on the stream name or type. */
export const filterOf = (options: ReadOptionsMessage): ((event: StoredEvent) => boolean) => {
  const filter = options.getFilter();
  if (filter === undefined) return () => true;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier() : filter.getEventType();
  const field = (event: StoredEvent) => (onStream ? event.streamName : event.type);
  const prefixes = expression?.getPrefixList() ?? [];
  if (prefixes.length > 0) return (event) => prefixes.some((p) => field(event).startsWith(p));
  const regex = new RegExp(expression?.getRegex() ?? '');
  return (event) => regex.test(field(event));
};

/** Writes one message, waiting while the client is slow; false once the call is gone. */
export const send = async (call: ReadCall, message: ReadRespMessage): Promise<boolean> => {
  if (call.cancelled || call.destroyed) return false;
  if (call.write(message)) return true;
  await new Promise<void>((resolve) => {
    const done = () => {
      call.off('drain', done).off('cancelled', done).off('close', done);
      resolve();
    };
    call.on('drain', done).on('cancelled', done).on('close', done);
  });
  return !call.cancelled && !call.destroyed;
};
