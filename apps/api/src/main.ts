import 'reflect-metadata';
import {
  ConfigError,
  PreflightError,
  checkBackingServices,
  JsonLogger,
  createLogger,
  loadConfig,
} from '@headersync/settings';
import { createApiApp } from './create-app';
import { DemoSeedService } from './modules/demo/demo-seed.service';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  await checkBackingServices(config);
  const logger = createLogger('api', config.logLevel);
  const app = await createApiApp(config, {}, new JsonLogger(logger));

  const seed = await app.get(DemoSeedService).seedIfEmpty();
  if (seed.seeded)
    logger.info(
      { mailboxes: seed.mailboxes, prospects: seed.prospects },
      'seeded the demo org',
    );

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
