import type { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@headersync/settings';
import type { ApiOptions } from './api-options';
import { AppModule } from './app.module';
import { configureHttp } from './configure-http';

/** The API as main.ts runs it and the e2e tests drive it (not yet listening). */
export async function createApiApp(
  config: AppConfig,
  options: Partial<ApiOptions> = {},
  logger: LoggerService | false = false,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, options),
    { logger, bodyParser: false },
  );
  configureHttp(app, {
    ...(options.jsonBodyLimitBytes
      ? { jsonBodyLimitBytes: options.jsonBodyLimitBytes }
      : {}),
  });
  return app;
}
