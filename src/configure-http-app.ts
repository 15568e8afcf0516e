import type { NestExpressApplication } from '@nestjs/platform-express';

/** Largest JSON request body: a 10,000-row meter batch is about 1 MB. */
export const JSON_BODY_LIMIT = '10mb';

/**
 * HTTP settings shared by `npm start` and the tests that build the app themselves, so both
 * behave alike. Express's default 100 kB JSON limit would refuse a 1,000-row meter batch.
 */
export const configureHttpApp = (app: NestExpressApplication): NestExpressApplication => {
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.enableShutdownHooks();
  return app;
};
