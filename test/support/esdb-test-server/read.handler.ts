import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { ReadReq, ReadResp, type ReadOptionsMessage, type StreamsServer } from './generated.js';
import type { InMemoryLog } from './in-memory-log.js';
import { eventMessage, filterOf, send, streamNameOf, type ReadCall } from './wire.js';

const countOf = (options: ReadOptionsMessage): number =>
  options.hasCount() ? Number(options.getCount()) : Number.POSITIVE_INFINITY;

const isBackwards = (options: ReadOptionsMessage): boolean =>
  options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;

/** Like EventStoreDB: backwards from past the end starts at the last event. */
const readStream = async (log: InMemoryLog, call: ReadCall, options: ReadOptionsMessage) => {
  const streamOptions = options.getStream()!;
  const identifier = streamOptions.getStreamIdentifier();
  const events = log.readStream(streamNameOf(identifier) ?? '');
  if (events === undefined) {
    const notFound = new ReadResp.StreamNotFound().setStreamIdentifier(identifier);
    if (await send(call, new ReadResp().setStreamNotFound(notFound))) call.end();
    return;
  }
  const backwards = isBackwards(options);
  const last = events.length - 1;
  let from = Number(streamOptions.getRevision());
  if (streamOptions.hasStart()) from = 0;
  if (streamOptions.hasEnd()) from = backwards ? last : events.length;
  const step = backwards ? -1 : 1;
  let index = backwards ? Math.min(from, last) : from;
  for (let sent = 0; sent < countOf(options) && index >= 0 && index <= last; sent++) {
    if (!(await send(call, eventMessage(events[index]!, false)))) return;
    index += step;
  }
  call.end();
};

/** `$all` forwards; like EventStoreDB, a read from a position includes the event at it. */
const readAll = async (log: InMemoryLog, call: ReadCall, options: ReadOptionsMessage) => {
  const all = options.getAll()!;
  const keep = filterOf(options);
  let index = all.hasStart()
    ? 0
    : all.hasEnd()
      ? log.all.length
      : log.indexAtOrAfter(BigInt(all.getPosition()!.getCommitPosition()));
  for (let sent = 0; sent < countOf(options) && index < log.all.length; index++) {
    const event = log.all[index]!;
    if (!keep(event)) continue;
    if (!(await send(call, eventMessage(event, true)))) return;
    sent++;
  }
  call.end();
};

/**
 * `$all` subscription: confirmation, catch-up, `caughtUp`, then live events until the client
 * cancels. Unlike a read, a subscription from a position starts strictly after it.
 */
const subscribeToAll = async (log: InMemoryLog, call: ReadCall, options: ReadOptionsMessage) => {
  const confirmation = new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID());
  if (!(await send(call, new ReadResp().setConfirmation(confirmation)))) return;
  const all = options.getAll()!;
  const keep = filterOf(options);
  let index = all.hasStart()
    ? 0
    : all.hasEnd()
      ? log.all.length
      : log.indexAtOrAfter(BigInt(all.getPosition()!.getCommitPosition()) + 1n);
  // Events appended while catching up land in `log.all` and are picked up by this same loop.
  for (; index < log.all.length; index++) {
    const event = log.all[index]!;
    if (keep(event) && !(await send(call, eventMessage(event, true)))) return;
  }
  // No await from the loop's last check to here, so no append can fall between catch-up and live.
  const unsubscribe = log.onAppend((event) => {
    if (keep(event)) call.write(eventMessage(event, true));
  });
  call.on('cancelled', unsubscribe).on('close', unsubscribe);
  call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
};

export const readHandler =
  (log: InMemoryLog): StreamsServer['read'] =>
  (call: ReadCall) => {
    const options = call.request.getOptions();
    const fail = (code: status, details: string) => call.emit('error', { code, details });
    if (options === undefined) return fail(status.INVALID_ARGUMENT, 'read without options');
    const subscription = options.hasSubscription();
    if (options.hasStream() && subscription)
      return fail(status.UNIMPLEMENTED, 'stream subscription');
    if (options.hasAll() && isBackwards(options))
      return fail(status.UNIMPLEMENTED, 'backwards $all');
    const run = options.hasStream() ? readStream : subscription ? subscribeToAll : readAll;
    run(log, call, options).catch((error: unknown) => fail(status.INTERNAL, String(error)));
  };
