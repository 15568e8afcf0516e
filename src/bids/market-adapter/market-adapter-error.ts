import {
  Catch,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Response } from 'express';
import {
  MarketAdapterError,
  type MarketAdapterErrorKind,
} from '../../../market-adapters/market-adapter.port.js';
import type { ErrorResponse } from '../../infrastructure/http/error-response.js';

const STATUS: Readonly<Record<MarketAdapterErrorKind, number>> = {
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
  timeout: HttpStatus.GATEWAY_TIMEOUT,
  protocol: HttpStatus.BAD_GATEWAY,
};

/**
 * No answer from the exchange (down, too slow, a reply that made no sense) as the API's error
 * body: `MARKET.UNAVAILABLE` 503, `MARKET.TIMEOUT` 504, `MARKET.PROTOCOL` 502. What was recorded
 * before the call stays recorded; the same request again (with the same submission id) resumes.
 */
export const marketAdapterErrorBody = (
  error: MarketAdapterError,
): { readonly status: number; readonly body: ErrorResponse } => ({
  status: STATUS[error.kind],
  body: {
    error: {
      code: `MARKET.${error.kind.toUpperCase()}`,
      message:
        `the exchange gave no answer (${error.message}); nothing it would have answered is ` +
        'recorded: retry the same request',
      ...(error.code === undefined ? {} : { details: { exchangeCode: error.code } }),
    },
  },
});

/** `@UseFilters(MarketAdapterErrorFilter)` on controllers that call the exchange. */
@Catch(MarketAdapterError)
export class MarketAdapterErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('MarketAdapter');

  catch(error: MarketAdapterError, host: ArgumentsHost): void {
    const { status, body } = marketAdapterErrorBody(error);
    this.logger.warn(`${body.error.code}: ${error.message}`);
    host.switchToHttp().getResponse<Response>().status(status).json(body);
  }
}
