import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError } from '../../../domain/shared/domain-error.js';
import type { CommandMeta } from '../command-handling/decider-command.js';

export const CORRELATION_ID_HEADER = 'x-correlation-id';
export const ACTOR_HEADER = 'x-actor';
/** Who acts when the caller does not say: HTTP requests without `X-Actor`. */
export const DEFAULT_HTTP_ACTOR = 'http';
const MAX_HEADER_LENGTH = 200;

type Json = Readonly<Record<string, unknown>>;

const header = (request: Request, name: string): string | undefined => {
  const raw = request.headers[name];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  if (value === undefined || value === '') return undefined;
  if (value.length > MAX_HEADER_LENGTH)
    throw new DomainError(
      'REQUEST.INVALID_HEADER',
      `${name} must be at most ${MAX_HEADER_LENGTH} characters`,
      name,
    );
  return value;
};

/** Provenance of a command sent over HTTP: `X-Correlation-Id` and `X-Actor` when given. */
export const commandMetaOf = (request: Request): CommandMeta => {
  const correlationId = header(request, CORRELATION_ID_HEADER);
  return {
    actor: header(request, ACTOR_HEADER) ?? DEFAULT_HTTP_ACTOR,
    ...(correlationId === undefined ? {} : { correlationId }),
  };
};

/** `@RequestMeta() meta: CommandMeta` in a controller method. */
export const RequestMeta = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  commandMetaOf(context.switchToHttp().getRequest<Request>()),
);

/**
 * The request body as a JSON object. Only the shape is checked here: the deciders validate every
 * field and name the one at fault.
 */
export const jsonBody = (body: unknown): Json => {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new DomainError('REQUEST.INVALID_BODY', 'the body must be a JSON object', 'body');
  return body as Json;
};

/** For endpoints whose fields are all optional: no body at all reads as `{}`. */
export const optionalJsonBody = (body: unknown): Json =>
  body === undefined || body === '' ? {} : jsonBody(body);
