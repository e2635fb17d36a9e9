import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';

/** Injection token of the validated AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** Makes the AppConfig read at boot injectable everywhere in a Nest app. */
@Global()
@Module({})
export class SettingsModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: SettingsModule,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
