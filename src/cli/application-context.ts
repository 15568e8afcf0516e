import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { isDomainError } from '../../domain/shared/domain-error.js';
import { AppModule } from '../app.module.js';
import type { AppConfig } from '../config/app-config.js';
import type { CommandMeta } from '../infrastructure/command-handling/decider-command.js';
import { EXIT, type CliIo } from './cli-command.js';

/** Commands from the command line are recorded as acting for `cli` unless GRIDFOLIO_ACTOR says. */
export const cliMeta = (io: CliIo): CommandMeta => ({
  actor: io.env['GRIDFOLIO_ACTOR']?.trim() || 'cli',
});

/**
 * Runs `work` inside the application (no HTTP server), so a CLI command goes through the same
 * buses, handlers and read models as the API. A DomainError is printed as the API's error body,
 * `{"error":{code,field,message}}`, on stderr with exit code 2; the application always closes,
 * which anchors whatever was appended.
 */
export const withApplication = async (
  config: AppConfig,
  io: CliIo,
  work: (app: INestApplicationContext) => Promise<number>,
): Promise<number> => {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
    logger: false,
  });
  try {
    return await work(app);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const { code, field, message } = error;
    io.err(JSON.stringify({ error: { code, ...(field === undefined ? {} : { field }), message } }));
    return EXIT.badInput;
  } finally {
    await app.close();
  }
};
