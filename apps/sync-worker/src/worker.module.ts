import { Module, type DynamicModule } from '@nestjs/common';
import { BullModule } from '@nestjs/bull';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createDataSourceOptions } from '@headersync/domain-persistence';
import { QUEUE_NAMES } from '@headersync/domain-model';
import { SettingsModule, type AppConfig } from '@headersync/settings';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';

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
          redis: config.redisUrl,
          prefix: config.redisPrefix,
        }),
        BullModule.registerQueue({ name: QUEUE_NAMES.mailboxSync }),
        HealthModule,
        MetricsModule,
      ],
    };
  }
}
