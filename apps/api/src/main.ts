import 'reflect-metadata';
import {
  ConfigError,
  PreflightError,
  checkBackingServices,
  JsonLogger,
  createLogger,
  loadConfig,
} from '@headersync/settings';
import { runCreateAdmin } from './cli/create-admin.cli';
import { createApiApp } from './create-app';
import { CreateAdminError } from './modules/demo/create-admin.service';
import { DemoSeedService } from './modules/demo/demo-seed.service';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  await checkBackingServices(config);
  if (process.argv[2] === 'create-admin') {
    process.stdout.write(
      `${await runCreateAdmin(config, process.argv.slice(3))}\n`,
    );
    return;
  }
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
  if (
    error instanceof ConfigError ||
    error instanceof PreflightError ||
    error instanceof CreateAdminError
  ) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `api failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
  process.exit(1);
});
