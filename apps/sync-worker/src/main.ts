import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import {
  ConfigError,
  PreflightError,
  checkBackingServices,
  JsonLogger,
  createLogger,
  loadConfig,
} from '@headersync/settings';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  await checkBackingServices(config);
  const logger = createLogger('sync-worker', config.logLevel);
  // The worker serves no REST API: its HTTP port carries health and metrics only.
  const app = await NestFactory.create(WorkerModule.forRoot(config), {
    logger: new JsonLogger(logger),
  });
  app.enableShutdownHooks();
  await app.listen(config.workerPort);
  logger.info({ port: config.workerPort }, 'sync-worker listening');
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof PreflightError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `sync-worker failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
  process.exit(1);
});
