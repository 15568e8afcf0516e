import {
  Catch,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Response } from 'express';
import { mapError } from './error-mapping.js';

/** Registered globally (APP_FILTER): every error leaves as `{ error: { code, message, field? } }`. */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const { status, body } = mapError(error);
    if (status === HttpStatus.INTERNAL_SERVER_ERROR) {
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    host.switchToHttp().getResponse<Response>().status(status).json(body);
  }
}
