import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { loadConfig } from './config/app-config.js';
import { configureHttpApp } from './configure-http-app.js';
import { createLogger } from './infrastructure/logging/create-logger.js';

/** Starts the HTTP API on the configured event store; SIGINT/SIGTERM close it cleanly. */
export const startApi = async (): Promise<void> => {
  const config = loadConfig();
  const logger = createLogger(config.logFormat);
  const app = configureHttpApp(
    await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger }),
  );
  await app.listen(config.httpPort, config.httpHost);
  logger.log(
    `Gridfolio API on http://${config.httpHost}:${config.httpPort} (event store: ${config.eventStore})`,
    'Bootstrap',
  );
};

if (import.meta.url === `file://${process.argv[1]}`) {
  startApi().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
