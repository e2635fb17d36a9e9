import { Module, type DynamicModule } from '@nestjs/common';
import { BullModule } from '@nestjs/bull';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createDataSourceOptions } from '@headersync/domain-persistence';
import { SettingsModule, type AppConfig } from '@headersync/settings';
import {
  API_OPTIONS,
  DEFAULT_API_OPTIONS,
  type ApiOptions,
} from './api-options';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { ClassifierModule } from './modules/classifier/classifier.module';
import { DemoModule } from './modules/demo/demo.module';
import { HealthModule } from './modules/health/health.module';
import { MailboxesModule } from './modules/mailboxes/mailboxes.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { MessagesModule } from './modules/messages/messages.module';
import { OrgSettingsModule } from './modules/org-settings/org-settings.module';
import { PersistenceModule } from './modules/persistence/persistence.module';
import { ProspectsModule } from './modules/prospects/prospects.module';
import { RedisModule } from './modules/redis/redis.module';
import { StatsModule } from './modules/stats/stats.module';

@Module({})
export class AppModule {
  static forRoot(
    config: AppConfig,
    overrides: Partial<ApiOptions> = {},
  ): DynamicModule {
    const options: ApiOptions = { ...DEFAULT_API_OPTIONS, ...overrides };
    return {
      module: AppModule,
      global: true,
      providers: [{ provide: API_OPTIONS, useValue: options }],
      exports: [API_OPTIONS],
      imports: [
        SettingsModule.forRoot(config),
        TypeOrmModule.forRoot({
          ...createDataSourceOptions(config.databaseUrl, {
            applicationName: 'headersync-api',
          }),
          // The boot preflight has already reached the database.
          retryAttempts: 2,
          retryDelay: 1000,
        }),
        BullModule.forRoot({
          redis: config.redisUrl,
          prefix: config.redisPrefix,
        }),
        ThrottlerModule.forRoot([
          { name: 'sign-in', ...toThrottler(options.signInRateLimit) },
          { name: 'dry-run', ...toThrottler(options.dryRunRateLimit) },
        ]),
        PersistenceModule,
        RedisModule,
        AuthModule,
        HealthModule,
        OrgSettingsModule,
        AuditModule,
        ProspectsModule,
        MailboxesModule,
        MetricsModule,
        DemoModule,
        MessagesModule,
        StatsModule,
        ClassifierModule,
      ],
    };
  }
}

function toThrottler(limit: ApiOptions['signInRateLimit']) {
  return { limit: limit.limit, ttl: limit.ttlMs };
}
