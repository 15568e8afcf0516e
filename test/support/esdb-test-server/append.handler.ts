import { status, type ServerReadableStream } from '@grpc/grpc-js';
import {
  AppendResp,
  Empty,
  type AppendReqMessage,
  type AppendRespMessage,
  type StreamsServer,
} from './generated.js';
import type { AppendOutcome, Expected, InMemoryLog, ProposedEvent } from './in-memory-log.js';
import { proposedOf, streamNameOf } from './wire.js';

type AppendOptions = NonNullable<ReturnType<AppendReqMessage['getOptions']>>;

const expectedOf = (options: AppendOptions): Expected => {
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  if (options.hasRevision()) return { kind: 'revision', revision: BigInt(options.getRevision()) };
  return { kind: 'any' };
};

const toResponse = (outcome: AppendOutcome, expected: Expected): AppendRespMessage => {
  const response = new AppendResp();
  if (outcome.ok) {
    const position = new AppendResp.Position()
      .setCommitPosition(outcome.position.toString())
      .setPreparePosition(outcome.position.toString());
    const success = new AppendResp.Success()
      .setCurrentRevision(outcome.revision.toString())
      .setPosition(position);
    return response.setSuccess(success);
  }
  const wrong = new AppendResp.WrongExpectedVersion();
  if (outcome.current === undefined) wrong.setCurrentNoStream(new Empty());
  else wrong.setCurrentRevision(outcome.current.toString());
  if (expected.kind === 'revision') wrong.setExpectedRevision(expected.revision.toString());
  else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new Empty());
  else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
  else wrong.setExpectedAny(new Empty());
  return response.setWrongExpectedVersion(wrong);
};

/**
 * The classic client-streaming append: one options message, then one message per event. The
 * client falls back to it when ServerFeatures is unimplemented (servers before BatchAppend).
 */
export const appendHandler =
  (log: InMemoryLog): StreamsServer['append'] =>
  (call: ServerReadableStream<AppendReqMessage, AppendRespMessage>, callback) => {
    let options: AppendOptions | undefined;
    const proposed: ProposedEvent[] = [];
    let malformed = false;
    call.on('data', (request: AppendReqMessage) => {
      if (request.hasOptions()) {
        options = request.getOptions();
        return;
      }
      const event = proposedOf(request.getProposedMessage());
      if (event === undefined) malformed = true;
      else proposed.push(event);
    });
    call.on('end', () => {
      const streamName = streamNameOf(options?.getStreamIdentifier());
      if (options === undefined || streamName === undefined || malformed || proposed.length === 0) {
        const details = 'append needs options, a stream and events with string UUIDs';
        callback({ code: status.INVALID_ARGUMENT, details });
        return;
      }
      const expected = expectedOf(options);
      callback(null, toResponse(log.append(streamName, expected, proposed), expected));
    });
  };
