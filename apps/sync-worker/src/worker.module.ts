import { Module, type DynamicModule } from '@nestjs/common';
import { BullModule } from '@nestjs/bull';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createDataSourceOptions } from '@headersync/domain-persistence';
import { QUEUE_NAMES } from '@headersync/domain-model';
import { SettingsModule, type AppConfig } from '@headersync/settings';
import { HealthModule } from './health/health.module';
import { JobsModule } from './jobs/jobs.module';
import { MetricsModule } from './metrics/metrics.module';
import { redisOptionsFromUrl } from './jobs/redis-options.util';
import { syncRetryDelayMs } from './sync/sync-backoff.util';
import { GRAPH_BACKOFF_STRATEGY } from '@headersync/domain-model';
import {
  MAILBOX_SYNC_LOCK_DURATION_MS,
  MAILBOX_SYNC_MAX_STALLED_COUNT,
  MAILBOX_SYNC_STALLED_INTERVAL_MS,
  WORKER_REDIS_CLIENT_NAME,
} from './sync/sync.constants';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        SettingsModule.forRoot(config),
        TypeOrmModule.forRoot({
          ...createDataSourceOptions(config.databaseUrl, {
            applicationName: 'headersync-sync-worker',
          }),
          // The boot preflight has already reached the database.
          retryAttempts: 2,
          retryDelay: 1000,
        }),
        BullModule.forRoot({
          // Named `headersync-sync-worker:<prefix>` in CLIENT LIST.
          redis: redisOptionsFromUrl(
            config.redisUrl,
            `${WORKER_REDIS_CLIENT_NAME}:${config.redisPrefix}`,
          ),
          prefix: config.redisPrefix,
          settings: {
            lockDuration: MAILBOX_SYNC_LOCK_DURATION_MS,
            stalledInterval: MAILBOX_SYNC_STALLED_INTERVAL_MS,
            maxStalledCount: MAILBOX_SYNC_MAX_STALLED_COUNT,
            backoffStrategies: {
              [GRAPH_BACKOFF_STRATEGY]: (
                attemptsMade: number,
                error: unknown,
              ) => syncRetryDelayMs(attemptsMade, error),
            },
          },
        }),
        BullModule.registerQueue({ name: QUEUE_NAMES.mailboxSync }),
        MetricsModule,
        HealthModule,
        JobsModule,
      ],
    };
  }
}
