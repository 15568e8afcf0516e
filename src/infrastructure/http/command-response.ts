import { HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import type { CommandOutcome } from '../command-handling/handle-command.js';

/** What a command endpoint answers; bigints as decimal strings, as everywhere in the API. */
export interface CommandResponse {
  /** Empty when the command was already satisfied (a retry): nothing was appended. */
  readonly appended: readonly {
    readonly id: string;
    readonly type: string;
    readonly streamId: string;
    readonly revision: string;
  }[];
  /** The stream's revision after the command; null while the stream is still empty. */
  readonly revision: string | null;
  /** Global position of the last event appended, for waiting on read models; null if none. */
  readonly position: string | null;
}

export const toCommandResponse = (outcome: CommandOutcome): CommandResponse => ({
  appended: outcome.events.map(({ id, type, streamId, revision }) => ({
    id,
    type,
    streamId,
    revision: revision.toString(),
  })),
  revision:
    outcome.nextExpectedRevision === 'no_stream' ? null : outcome.nextExpectedRevision.toString(),
  position: outcome.position?.toString() ?? null,
});

/**
 * For endpoints that create something: 201 when it was created now, 200 when a retry found it
 * already there, so clients can retry freely and still tell the two apart.
 */
export const createdOrOk = <T extends object>(
  response: Response,
  outcome: CommandOutcome,
  ids: T,
): T & CommandResponse => {
  response.status(outcome.events.length > 0 ? HttpStatus.CREATED : HttpStatus.OK);
  return { ...ids, ...toCommandResponse(outcome) };
};
