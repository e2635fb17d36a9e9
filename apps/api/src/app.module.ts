import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
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
          type: 'postgres',
          url: config.databaseUrl,
          // Migrations run once, before the apps start (npm run db:migrate).
          synchronize: false,
          migrationsRun: false,
          entities: [],
        }),
        HealthModule,
      ],
    };
  }
}
