import { ConsoleLogger, type LoggerService } from '@nestjs/common';
import type { LogFormat } from '../../config/app-config.js';

/** One JSON object per line in production so that log shippers need no parsing rules. */
export const createLogger = (format: LogFormat): LoggerService =>
  new ConsoleLogger({ json: format === 'json', colors: format === 'text' && process.stdout.isTTY });
