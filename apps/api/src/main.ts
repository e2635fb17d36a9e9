import 'reflect-metadata';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import {
  ConfigError,
  PreflightError,
  checkBackingServices,
  JsonLogger,
  createLogger,
  loadConfig,
} from '@headersync/settings';
import { createApiApp } from './create-app';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  await checkBackingServices(config);
  const logger = createLogger('api', config.logLevel);
  const app = await createApiApp(config, {}, new JsonLogger(logger));

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Headersync API')
      .setDescription('Header-based email sync for Microsoft 365 mailboxes')
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs/openapi.json',
  });

  app.enableShutdownHooks();
  await app.listen(config.apiPort);
  logger.info({ port: config.apiPort }, 'api listening');
}

bootstrap().catch((error: unknown) => {
  // A bad environment is an operator's mistake, not a crash: one line per problem.
  if (error instanceof ConfigError || error instanceof PreflightError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `api failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
  process.exit(1);
});
