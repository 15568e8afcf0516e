import type { Request } from 'express';
import {
  commandMetaOf,
  jsonBody,
  optionalJsonBody,
} from '../../../src/infrastructure/http/command-request.js';
import { expectDomainError } from '../../support/expect-domain-error.js';

const requestWith = (headers: Record<string, string | string[]>): Request =>
  ({ headers }) as unknown as Request;

describe('command metadata from HTTP headers', () => {
  it('takes the correlation id and actor when given, trimmed', () => {
    expect(
      commandMetaOf(requestWith({ 'x-correlation-id': ' c-1 ', 'x-actor': 'user:kim' })),
    ).toEqual({
      correlationId: 'c-1',
      actor: 'user:kim',
    });
  });

  it('defaults the actor to http and leaves the correlation id to the handler', () => {
    expect(commandMetaOf(requestWith({ 'x-actor': '  ' }))).toEqual({ actor: 'http' });
  });

  it('refuses an oversized header with a 400 code naming it', () => {
    const error = expectDomainError(
      () => commandMetaOf(requestWith({ 'x-actor': 'a'.repeat(201) })),
      'REQUEST.INVALID_HEADER',
    );
    expect(error.field).toBe('x-actor');
  });
});

describe('request bodies', () => {
  it.each([null, [], 'text', 3])('refuses %j as a body', (body) => {
    expect(expectDomainError(() => jsonBody(body), 'REQUEST.INVALID_BODY').field).toBe('body');
  });

  it('reads no body as {} where every field is optional', () => {
    expect(optionalJsonBody(undefined)).toEqual({});
    expect(optionalJsonBody({ fromDay: '2025-03-11' })).toEqual({ fromDay: '2025-03-11' });
    expectDomainError(() => optionalJsonBody([]), 'REQUEST.INVALID_BODY');
  });
});
