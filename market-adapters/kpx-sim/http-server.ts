import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isDomainError } from '../../domain/shared/domain-error.js';
import type { KpxSimExchange } from './kpx-sim-exchange.js';

/**
 * The simulated exchange over HTTP/JSON, the same operations as the MarketAdapter port plus the
 * simulation clock. Business answers (accepted, rejected, not published yet) are 200 with the
 * port's JSON; 4xx/5xx carry `{ error: { code, message, field? } }` and mean "no answer":
 *   GET  /health                               GET  /clock     POST /clock { now }
 *   GET  /markets/:market/calendar
 *   POST /bids                                 GET  /bids/:submissionId
 *   POST /bids/:submissionId/withdraw { portfolioId, reason }
 *   GET  /results?portfolioId&market&tradingDay
 *   GET  /prices?market&tradingDay&kind=day_ahead|real_time
 *   POST /forecasts
 *   GET  /dispatch-instructions?portfolioId&market&since
 */
export interface KpxSimHttpOptions {
  readonly formation: string;
  /** Largest request body accepted, in bytes. */
  readonly maxBodyBytes?: number;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const STATUS_OF_CODE: Readonly<Record<string, number>> = {
  'KPXSIM.CLOCK_NOT_SET': 503,
  'KPXSIM.CLOCK_BACKWARDS': 409,
};

const readBody = async (request: IncomingMessage, maxBytes: number): Promise<unknown> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes)
      throw new HttpError(413, 'HTTP.BODY_TOO_LARGE', `the body exceeds ${maxBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'HTTP.INVALID_JSON', 'the body must be a JSON document');
  }
};

const send = (response: ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
};

export const createKpxSimHttpServer = (
  exchange: KpxSimExchange,
  options: KpxSimHttpOptions,
): Server => {
  const maxBodyBytes = options.maxBodyBytes ?? 5_000_000;

  const route = async (request: IncomingMessage): Promise<unknown> => {
    const url = new URL(request.url ?? '/', 'http://kpx-sim');
    const query = (name: string): string | undefined => url.searchParams.get(name) ?? undefined;
    const parts = url.pathname
      .split('/')
      .filter((part) => part !== '')
      .map(decodeURIComponent);
    const method = request.method ?? 'GET';
    const body = async (): Promise<unknown> => readBody(request, maxBodyBytes);
    const [head, id, action] = parts;
    const nowIso = (): string | null => {
      const now = exchange.nowMs();
      return now === undefined ? null : new Date(now).toISOString();
    };
    const only = (allowed: string): void => {
      if (method !== allowed)
        throw new HttpError(405, 'HTTP.METHOD_NOT_ALLOWED', `${method} ${url.pathname}`);
    };

    switch (head) {
      case 'health':
        only('GET');
        return { status: 'ok', now: nowIso(), formation: options.formation };
      case 'clock':
        if (method === 'POST')
          return exchange.advanceTo(((await body()) as { now?: unknown })?.now);
        only('GET');
        return { now: nowIso() };
      case 'markets':
        only('GET');
        if (action !== 'calendar' || parts.length !== 3) break;
        return exchange.calendar(id);
      case 'bids':
        if (id === undefined) {
          only('POST');
          return exchange.submitBid(await body());
        }
        if (action === 'withdraw' && parts.length === 3) {
          only('POST');
          const raw = (await body()) as Record<string, unknown> | null;
          return exchange.withdrawBid({ ...(raw ?? {}), submissionId: id });
        }
        if (parts.length !== 2) break;
        only('GET');
        return (
          exchange.submission(id) ??
          Promise.reject(new HttpError(404, 'HTTP.NOT_FOUND', `no submission ${id}`))
        );
      case 'results':
        only('GET');
        return exchange.fetchResults(query('portfolioId'), query('market'), query('tradingDay'));
      case 'prices':
        only('GET');
        return exchange.fetchPrices(query('market'), query('tradingDay'), query('kind'));
      case 'forecasts':
        only('POST');
        return exchange.submitRenewableForecast(await body());
      case 'dispatch-instructions':
        only('GET');
        return {
          instructions: exchange.dispatchInstructions(
            query('portfolioId'),
            query('market'),
            query('since'),
          ),
        };
    }
    throw new HttpError(404, 'HTTP.NOT_FOUND', `no route ${method} ${url.pathname}`);
  };

  return createServer((request, response) => {
    route(request).then(
      (body) => send(response, 200, body),
      (error: unknown) => {
        if (error instanceof HttpError)
          return send(response, error.status, {
            error: { code: error.code, message: error.message },
          });
        if (isDomainError(error))
          return send(response, STATUS_OF_CODE[error.code] ?? 400, {
            error: { code: error.code, message: error.message, field: error.field },
          });
        const message = error instanceof Error ? error.message : String(error);
        const unavailable = error instanceof Error && error.name === 'SqliteError';
        send(response, unavailable ? 503 : 500, {
          error: { code: unavailable ? 'KPXSIM.STORE_UNAVAILABLE' : 'KPXSIM.INTERNAL', message },
        });
      },
    );
  });
};
