import { status, type ServerDuplexStream } from '@grpc/grpc-js';
import {
  AllStreamPosition,
  Any,
  BatchAppendResp,
  GoogleEmpty,
  Status,
  WrongExpectedVersion,
  type BatchAppendReqMessage,
  type BatchAppendRespMessage,
  type StreamsServer,
} from './generated.js';
import type { AppendOutcome, Expected, InMemoryLog, ProposedEvent } from './in-memory-log.js';
import { proposedOf, streamNameOf } from './wire.js';

type BatchOptions = NonNullable<ReturnType<BatchAppendReqMessage['getOptions']>>;
type Batch = { options?: BatchOptions; events: ProposedEvent[] };

// google.rpc.Code.FAILED_PRECONDITION; the client reads only the packed details.
const FAILED_PRECONDITION = 9;

const expectedOf = (options: BatchOptions): Expected => {
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  if (options.hasStreamPosition()) {
    return { kind: 'revision', revision: BigInt(options.getStreamPosition()) };
  }
  return { kind: 'any' };
};

/** The failure travels as a google.rpc.Status whose details pack a WrongExpectedVersion. */
const wrongExpectedVersion = (current: bigint | undefined, expected: Expected) => {
  const wrong = new WrongExpectedVersion();
  if (current === undefined) wrong.setCurrentNoStream(new GoogleEmpty());
  else wrong.setCurrentStreamRevision(current.toString());
  if (expected.kind === 'revision') wrong.setExpectedStreamPosition(expected.revision.toString());
  else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new GoogleEmpty());
  else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new GoogleEmpty());
  else wrong.setExpectedAny(new GoogleEmpty());
  const details = new Any();
  details.pack(wrong.serializeBinary(), 'event_store.client.WrongExpectedVersion');
  return new Status()
    .setCode(FAILED_PRECONDITION)
    .setMessage('wrong expected version')
    .setDetails(details);
};

const toResponse = (outcome: AppendOutcome, expected: Expected): BatchAppendRespMessage => {
  const response = new BatchAppendResp();
  if (!outcome.ok) return response.setError(wrongExpectedVersion(outcome.current, expected));
  const position = new AllStreamPosition()
    .setCommitPosition(outcome.position.toString())
    .setPreparePosition(outcome.position.toString());
  const success = new BatchAppendResp.Success()
    .setCurrentRevision(outcome.revision.toString())
    .setPosition(position);
  return response.setSuccess(success);
};

/**
 * What servers since 21.10 offer and the client prefers: one long-lived bidirectional call per
 * client; each append is a run of requests sharing a correlation id, the last marked final.
 */
export const batchAppendHandler =
  (log: InMemoryLog): StreamsServer['batchAppend'] =>
  (call: ServerDuplexStream<BatchAppendReqMessage, BatchAppendRespMessage>) => {
    const batches = new Map<string, Batch>();
    call.on('data', (request: BatchAppendReqMessage) => {
      const correlationId = request.getCorrelationId();
      const key = correlationId?.getString() ?? '';
      const batch = batches.get(key) ?? { events: [] };
      batches.set(key, batch);
      if (request.hasOptions()) batch.options = request.getOptions();
      for (const message of request.getProposedMessagesList()) {
        const event = proposedOf(message);
        if (event === undefined) return call.emit('error', { code: status.INVALID_ARGUMENT });
        batch.events.push(event);
      }
      if (!request.getIsFinal()) return;
      batches.delete(key);
      const identifier = batch.options?.getStreamIdentifier();
      const streamName = streamNameOf(identifier);
      if (batch.options === undefined || streamName === undefined || batch.events.length === 0) {
        return call.emit('error', { code: status.INVALID_ARGUMENT, details: 'incomplete batch' });
      }
      const expected = expectedOf(batch.options);
      const outcome = log.append(streamName, expected, batch.events);
      const response = toResponse(outcome, expected);
      call.write(response.setCorrelationId(correlationId).setStreamIdentifier(identifier));
    });
    call.on('end', () => call.end());
  };
