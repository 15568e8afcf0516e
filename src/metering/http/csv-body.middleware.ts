import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../../../domain/shared/domain-error.js';

/** Largest CSV upload: about 100,000 rows of meterId,intervalStart,intervalMinutes,energyKwh. */
export const CSV_BODY_LIMIT_BYTES = 10 * 1024 * 1024;

const CSV_TYPES = /^\s*(text\/csv|text\/plain|application\/csv)\s*(;|$)/i;

const readText = (req: Request): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > CSV_BODY_LIMIT_BYTES) {
        req.removeAllListeners('data');
        req.resume(); // drain the rest so that the answer can still be sent
        reject(
          new DomainError(
            'METER.CSV_TOO_LARGE',
            `a CSV upload holds at most ${CSV_BODY_LIMIT_BYTES} bytes; split the file`,
            'body',
          ),
        );
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(new TextDecoder('utf-8').decode(Buffer.concat(chunks))));
    req.on('error', reject);
  });

/**
 * Nest parses only JSON and form bodies by itself; a CSV upload arrives here as text (UTF-8;
 * `TextDecoder` drops a byte-order mark). Async, so that Nest's exception filter answers a body
 * that is too large with the usual error shape.
 */
export const csvBodyMiddleware = async (
  req: Request,
  _res: Response,
  next: NextFunction,
): Promise<void> => {
  if (!CSV_TYPES.test(req.headers['content-type'] ?? '')) {
    next();
    return;
  }
  req.body = await readText(req);
  next();
};
