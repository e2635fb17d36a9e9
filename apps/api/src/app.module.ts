import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createDataSourceOptions } from '@headersync/domain-persistence';
import { SettingsModule, type AppConfig } from '@headersync/settings';
import { HealthModule } from './modules/health/health.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
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
        HealthModule,
      ],
    };
  }
}
