import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { ConcurrencyError, InvalidAppendError } from '../event-store/errors.js';
import type { ErrorResponse } from './error-response.js';

export interface MappedError {
  readonly status: number;
  readonly body: ErrorResponse;
}

// Codes that mean "no such thing" (`PORTFOLIO.NOT_FOUND`, `DER.EV_SESSION_NOT_FOUND`,
// `DER.NOT_REGISTERED`) rather than "bad input"; every other DomainError is a 400.
const NOT_FOUND = /(?:[._]NOT_FOUND|\.NOT_REGISTERED|\.UNKNOWN)$/;

const withJsonSafeDetails = (details: Readonly<Record<string, unknown>> | undefined) =>
  details === undefined
    ? {}
    : {
        details: JSON.parse(
          JSON.stringify(details, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
        ) as Record<string, unknown>,
      };

/**
 * The single place where errors become HTTP statuses: domain rule or bad input -> 400 (404 for an
 * unknown aggregate), a lost race on a stream -> 409, Nest's own HTTP errors as they are,
 * anything else -> 500 without internals.
 */
export const mapError = (error: unknown): MappedError => {
  if (error instanceof DomainError) {
    const notFound = NOT_FOUND.test(error.code);
    return {
      status: notFound ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST,
      body: {
        error: {
          code: error.code,
          message: error.message,
          ...(error.field === undefined ? {} : { field: error.field }),
          ...withJsonSafeDetails(error.details),
        },
      },
    };
  }
  if (error instanceof InvalidAppendError) {
    return {
      status: HttpStatus.BAD_REQUEST,
      body: {
        error: {
          code: error.code,
          message: error.message,
          ...(error.field === undefined ? {} : { field: error.field }),
        },
      },
    };
  }
  if (error instanceof ConcurrencyError) {
    return {
      status: HttpStatus.CONFLICT,
      body: { error: { code: error.code, message: `${error.message}; retry the request` } },
    };
  }
  if (error instanceof HttpException) {
    const response = error.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : String((response as { message?: unknown }).message ?? error.message);
    return {
      status: error.getStatus(),
      body: { error: { code: `HTTP.${error.getStatus()}`, message } },
    };
  }
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    body: { error: { code: 'INTERNAL', message: 'internal error; see the server log' } },
  };
};
