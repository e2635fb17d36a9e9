import type { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '@headersync/settings';
import type { ApiOptions } from './api-options';
import { AppModule } from './app.module';
import { configureHttp } from './configure-http';
import { CSRF_HEADER, SESSION_COOKIE } from './modules/auth/auth.constants';
import { mountQueueDashboard } from './modules/mailboxes/queue-dashboard';
import { MetricsService } from './modules/metrics/metrics.service';

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
    metrics: app.get(MetricsService),
    ...(options.jsonBodyLimitBytes
      ? { jsonBodyLimitBytes: options.jsonBodyLimitBytes }
      : {}),
  });
  if (config.queueDashboard) mountQueueDashboard(app);
  setUpOpenApi(app);
  return app;
}

/** OpenAPI UI at /api/docs, the document at /api/docs/openapi.json (public: it holds no data). */
function setUpOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Headersync API')
      .setDescription(
        'Header-based email sync for Microsoft 365 mailboxes. Sign in with POST /api/v1/auth/sign-in ' +
          `(session cookie ${SESSION_COOKIE}; send the csrfToken back in ${CSRF_HEADER} on unsafe methods) ` +
          'or use an API token as Authorization: Bearer hst_...',
      )
      .setVersion('1')
      .addCookieAuth(SESSION_COOKIE)
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs/openapi.json',
  });
}
